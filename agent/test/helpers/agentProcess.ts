import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Role } from '@paas/protocol';

/** The CLI entry point of the built agent. */
export const AGENT_BIN = join(__dirname, '..', '..', '..', 'bin', 'paas-agent');

export interface AgentProcess {
  readonly url: string;
  readonly port: number;
  readonly fingerprint: string | undefined;
  readonly dataDir: string;
  readonly child: ChildProcess;
  /** Every log line the agent printed so far (parsed JSON). */
  readonly logs: Record<string, unknown>[];
  /** Creates a token through the real CLI and returns it. */
  createToken(role: Role, name?: string): string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL: the agent gets no chance to clean up. */
  kill(): Promise<void>;
}

let tokenCounter = 0;

/** Runs the agent CLI synchronously against a data directory. */
export function runAgentCli(
  dataDir: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [AGENT_BIN, ...args, '--data-dir', dataDir], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Starts a real agent process on port 0 with a fresh data directory (or the given one) and waits for its
 * "agent listening" log line. The data directory is removed on stop unless it was given.
 */
export async function startAgentProcess(
  options: { dataDir?: string; tls?: boolean; env?: NodeJS.ProcessEnv; args?: string[] } = {},
): Promise<AgentProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'paas-agent-test-'));
  const args = [
    AGENT_BIN,
    'serve',
    '--data-dir',
    dataDir,
    '--port',
    '0',
    ...(options.tls === false ? ['--no-tls'] : []),
    ...(options.args ?? []),
  ];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, PAAS_AGENT_LOG_LEVEL: 'debug', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const listening = new Promise<Record<string, unknown>>((resolve, reject) => {
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
    child.once('exit', (code) => reject(new Error(`agent exited with ${code} before listening:\n${stderr}`)));
  });
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error(`agent did not start:\n${stderr}`)), 15_000).unref(),
  );
  const ready = await Promise.race([listening, timeout]);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    url: ready.url as string,
    port: ready.port as number,
    fingerprint: ready.fingerprint as string | undefined,
    dataDir,
    child,
    logs,
    createToken(role, name = `test-${role}-${++tokenCounter}`) {
      const result = runAgentCli(dataDir, ['token', 'create', '--name', name, '--role', role]);
      if (result.status !== 0) throw new Error(`token create failed: ${result.stderr}`);
      return result.stdout.trim();
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const code = await exited;
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
    async kill() {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
