import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { startAgentProcess, type AgentProcess } from '../agentProcess';
import type { BenchResult } from './result';

/** Load shape: N connections, each keeping a window of requests in flight until it sent its share. */
const CLIENTS = 4;
const WINDOW = 16;
const REQUESTS_PER_CLIENT = 25_000;
const WARMUP_PER_CLIENT = 5000;
/** Measured rounds per target, interleaved so drifting machine load hits both alike; the median is kept. */
const ROUNDS = 3;

interface Target {
  name: string;
  url: string;
  token?: string;
}

interface Measurement {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/** Opens a TLS WebSocket and completes the handshake (the echo server just echoes it back). */
async function openClient(target: Target): Promise<WebSocket> {
  const socket = new WebSocket(target.url, {
    rejectUnauthorized: false,
    perMessageDeflate: false,
    headers: target.token ? { Authorization: `Bearer ${target.token}` } : {},
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  const initialize = { protocolVersion: '1.0.0', client: { name: 'paas-bench', version: '0' } };
  await new Promise<void>((resolve) => {
    socket.once('message', () => resolve());
    socket.send(JSON.stringify({ jsonrpc: '2.0', id: 0, method: 'initialize', params: initialize }));
  });
  return socket;
}

/** Sends `count` pings on one socket, `WINDOW` at a time, recording each round trip in milliseconds. */
function pipeline(socket: WebSocket, count: number, latencies: number[]): Promise<void> {
  const sentAt = new Map<number, number>();
  let sent = 0;
  let received = 0;
  const send = (): void => {
    const id = ++sent;
    sentAt.set(id, performance.now());
    socket.send(`{"jsonrpc":"2.0","id":${id},"method":"agent/ping","params":{}}`);
  };
  return new Promise((resolve, reject) => {
    const onMessage = (data: Buffer): void => {
      const reply = JSON.parse(data.toString('utf8')) as { id: number; error?: unknown };
      if (reply.error)
        return reject(new Error(`the server answered an error: ${JSON.stringify(reply.error)}`));
      latencies.push(performance.now() - sentAt.get(reply.id)!);
      sentAt.delete(reply.id);
      if (++received === count) {
        socket.off('message', onMessage);
        return resolve();
      }
      if (sent < count) send();
    };
    socket.on('message', onMessage);
    socket.once('close', () => reject(new Error('the server closed the connection')));
    for (let i = 0; i < Math.min(WINDOW, count); i++) send();
  });
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** One round against one target: every client runs its pipeline at once. */
async function measure(target: Target, perClient: number): Promise<Measurement> {
  const sockets = await Promise.all(Array.from({ length: CLIENTS }, () => openClient(target)));
  const latencies: number[] = [];
  const start = performance.now();
  try {
    await Promise.all(sockets.map((socket) => pipeline(socket, perClient, latencies)));
  } finally {
    for (const socket of sockets) socket.terminate();
  }
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requestsPerSecond: latencies.length / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
  };
}

/** Starts the bare echo server with the agent's certificate and resolves with it and its port. */
async function startEchoServer(agent: AgentProcess): Promise<{ child: ChildProcess; port: number }> {
  const tls = join(agent.dataDir, 'tls');
  const child = spawn(
    process.execPath,
    [join(__dirname, 'echoServer.js'), join(tls, 'cert.pem'), join(tls, 'key.pem')],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.once('data', (chunk: Buffer) =>
      resolve((JSON.parse(chunk.toString()) as { port: number }).port),
    );
    child.once('exit', (code) => reject(new Error(`the echo server exited with ${code}`)));
  });
  return { child, port };
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  return exited;
}

/** The round with the median throughput, so one noisy round neither flatters nor sinks a target. */
function median(rounds: Measurement[]): Measurement {
  return [...rounds].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond)[
    Math.floor(rounds.length / 2)
  ]!;
}

/** Warms both targets up, then measures them in alternating rounds. */
async function compare(agent: Target, echo: Target): Promise<{ agent: Measurement; echo: Measurement }> {
  await measure(agent, WARMUP_PER_CLIENT);
  await measure(echo, WARMUP_PER_CLIENT);
  const rounds: { agent: Measurement[]; echo: Measurement[] } = { agent: [], echo: [] };
  for (let round = 0; round < ROUNDS; round++) {
    rounds.agent.push(await measure(agent, REQUESTS_PER_CLIENT));
    rounds.echo.push(await measure(echo, REQUESTS_PER_CLIENT));
  }
  return { agent: median(rounds.agent), echo: median(rounds.echo) };
}

function compared(name: string, unit: string, value: number, baseline: number, aim?: string): BenchResult {
  const result: BenchResult = {
    name,
    value,
    unit,
    baseline: { name: 'bare ws echo', value: baseline },
    ratio: value / baseline,
  };
  return aim ? { ...result, aim } : result;
}

/**
 * JSON-RPC `agent/ping` through a real agent process (TLS, as users run it) against a bare `ws` echo server
 * with the same certificate on the same machine, driven by the same client code.
 */
export async function benchTransport(): Promise<BenchResult[]> {
  const agent = await startAgentProcess({ env: { PAAS_AGENT_LOG_LEVEL: 'info' } });
  let echo: ChildProcess | undefined;
  try {
    const token = agent.createToken('viewer', 'bench');
    const server = await startEchoServer(agent);
    echo = server.child;
    const shape = `${CLIENTS} clients × window ${WINDOW}`;
    const result = await compare(
      { name: 'agent', url: agent.url, token },
      { name: 'echo', url: `wss://127.0.0.1:${server.port}` },
    );
    return [
      compared(
        `transport ping throughput (${shape})`,
        'req/s',
        result.agent.requestsPerSecond,
        result.echo.requestsPerSecond,
        'ratio ≥ 0.7',
      ),
      compared('transport ping latency p50', 'ms', result.agent.p50Ms, result.echo.p50Ms),
      compared('transport ping latency p99', 'ms', result.agent.p99Ms, result.echo.p99Ms),
    ];
  } finally {
    if (echo) await stopProcess(echo);
    await agent.stop();
  }
}
