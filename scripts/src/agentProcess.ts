import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Role } from '@paas/protocol';

/** The CLI entry point of the built agent (scripts/out/src → agent/bin). */
export const AGENT_BIN = join(__dirname, '..', '..', '..', 'agent', 'bin', 'paas-agent');

const START_TIMEOUT_MS = 15_000;

export interface AgentProcess {
  readonly url: string;
  readonly port: number;
  readonly fingerprint: string | undefined;
  readonly dataDir: string;
  readonly child: ChildProcess;
  /** Every log line the agent printed so far (parsed JSON; `{ raw }` for a line that was not JSON). */
  readonly logs: Record<string, unknown>[];
  /** Everything the agent wrote to stdout and stderr so far, verbatim. */
  output(): string;
  /** Creates a token through the real CLI and returns it. */
  createToken(role: Role, name?: string): string;
  /** Sends SIGTERM and resolves with the exit code; removes the data directory unless it was given. */
  stop(): Promise<number | null>;
  /** SIGKILL: the agent gets no chance to clean up. The data directory is kept. */
  kill(): Promise<void>;
}

/** The agent failed to start: it exited first, or never said it was listening. */
export class AgentStartError extends Error {
  override readonly name = 'AgentStartError';

  constructor(
    message: string,
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    super(message);
  }
}

/** Agent processes started here and not yet exited, so a test run can tell when one was left behind. */
const running = new Set<ChildProcess>();

/** The agent processes still running; a test that leaves one behind is broken. */
export function runningAgentProcesses(): readonly ChildProcess[] {
  return [...running];
}

let tokenCounter = 0;

/** Runs the agent CLI synchronously; killed after `timeoutMs` so it cannot hang. */
export function runAgentCommand(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  timeoutMs = 30_000,
): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [AGENT_BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs an agent CLI command that takes `--data-dir` against that directory. */
export function runAgentCli(
  dataDir: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
  timeoutMs = 30_000,
): { status: number | null; stdout: string; stderr: string } {
  return runAgentCommand([...args, '--data-dir', dataDir], env, timeoutMs);
}

/** Collects stdout lines as parsed log entries and resolves with the "agent listening" one. */
function watchLogs(child: ChildProcess, logs: Record<string, unknown>[]): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        try {
          const entry = JSON.parse(line) as Record<string, unknown>;
          logs.push(entry);
          if (entry.msg === 'agent listening') resolve(entry);
        } catch {
          logs.push({ raw: line });
        }
      }
    });
  });
}

/**
 * Starts a real agent process on port 0 with a fresh data directory (or the given one) and waits for its
 * "agent listening" log line. When it does not start, the process is killed, the fresh data directory is
 * removed and the promise rejects with an {@link AgentStartError} carrying the exit code and stderr.
 */
export async function startAgentProcess(
  options: { dataDir?: string; tls?: boolean; env?: NodeJS.ProcessEnv; args?: string[] } = {},
): Promise<AgentProcess> {
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'paas-agent-test-'));
  const args = [AGENT_BIN, 'serve', '--data-dir', dataDir, '--port', '0'];
  if (options.tls === false) args.push('--no-tls');
  const child = spawn(process.execPath, [...args, ...(options.args ?? [])], {
    env: { ...process.env, PAAS_AGENT_LOG_LEVEL: 'debug', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  // 'close' rather than 'exit': it comes after stdout and stderr are drained, so no output is lost.
  const exited = new Promise<number | null>((resolve) =>
    child.once('close', (code) => {
      running.delete(child);
      resolve(code);
    }),
  );
  const logs: Record<string, unknown>[] = [];
  let output = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    stderr += chunk.toString();
  });
  const removeDataDir = (): void => {
    if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  let timer: NodeJS.Timeout | undefined;
  // One promise settled by whichever comes first; a later exit cannot reject it any more.
  const started = new Promise<Record<string, unknown>>((resolve, reject) => {
    void watchLogs(child, logs).then(resolve);
    void exited.then((code) =>
      reject(new AgentStartError(`agent exited with ${code} before listening:\n${stderr}`, code, stderr)),
    );
    timer = setTimeout(
      () => reject(new AgentStartError(`agent did not start in time:\n${stderr}`, null, stderr)),
      START_TIMEOUT_MS,
    );
  });
  let ready: Record<string, unknown>;
  try {
    ready = await started;
  } catch (error) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
    removeDataDir();
    throw error;
  } finally {
    clearTimeout(timer);
  }
  return {
    url: ready.url as string,
    port: ready.port as number,
    fingerprint: ready.fingerprint as string | undefined,
    dataDir,
    child,
    logs,
    output: () => output,
    createToken(role, name = `test-${role}-${++tokenCounter}`) {
      const result = runAgentCli(dataDir, ['token', 'create', '--name', name, '--role', role]);
      if (result.status !== 0) throw new Error(`token create failed: ${result.stderr}`);
      return result.stdout.trim();
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const code = await exited;
      removeDataDir();
      return code;
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
