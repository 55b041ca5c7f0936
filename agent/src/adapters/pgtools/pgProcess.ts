import { spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { AdapterError, type AdapterErrorCode } from '../errors';

/** How much of a tool's stderr is kept for the error message. */
const STDERR_LIMIT = 16 * 1024;

export interface ToolRun {
  /** Readable stdout when `stdout: 'pipe'` was asked for. */
  readonly stdout: Readable | null;
  readonly stdin: Writable | null;
  /** Resolves when the tool exits 0; rejects with a `AdapterError` of `failure` otherwise. */
  readonly done: Promise<void>;
}

/**
 * Runs one of PostgreSQL's tools (`pg_dump`, `pg_restore`, `psql`). Aborting the signal kills it. A
 * non-zero exit becomes `failure` (or `PG_UNAVAILABLE` when stderr says the server went away), with the
 * tail of stderr as the message: these tools never print passwords, which travel in the environment.
 */
export function runPgTool(
  command: 'pg_dump' | 'pg_restore' | 'psql',
  args: readonly string[],
  options: {
    env: NodeJS.ProcessEnv;
    failure: AdapterErrorCode;
    signal?: AbortSignal;
    stdout?: 'pipe';
    stdin?: 'pipe';
  },
): ToolRun {
  const child = spawn(command, args, {
    env: options.env,
    stdio: [options.stdin ?? 'ignore', options.stdout ?? 'ignore', 'pipe'],
    signal: options.signal,
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (text: string) => {
    stderr = (stderr + text).slice(-STDERR_LIMIT);
  });
  const done = new Promise<void>((resolve, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) => {
      if (error.name === 'AbortError')
        reject(new AdapterError('ABORTED', `${command} was canceled`, { cause: error }));
      else
        reject(
          new AdapterError(options.failure, `cannot run ${command}: ${error.message}`, { cause: error }),
        );
    });
    child.once('close', (code, signal) => {
      if (code === 0) return resolve();
      if (options.signal?.aborted) return reject(new AdapterError('ABORTED', `${command} was canceled`));
      const message = stderr.trim().split('\n').slice(-5).join('\n') || `exit ${code ?? signal}`;
      const gone =
        /could not connect|connection to server|terminating connection|server closed the connection|password authentication failed/i.test(
          message,
        );
      reject(new AdapterError(gone ? 'PG_UNAVAILABLE' : options.failure, `${command} failed: ${message}`));
    });
  });
  return { stdout: child.stdout, stdin: child.stdin, done };
}
