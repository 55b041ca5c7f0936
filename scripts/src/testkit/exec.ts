import { execFile } from 'node:child_process';

export interface ExecResult {
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a program without a shell (arguments are never re-parsed) and rejects
 * with its stderr in the message when it exits non-zero.
 */
export function run(
  file: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { cwd: options.cwd, env: options.env, timeout: options.timeoutMs ?? 0, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          const detail = stderr.trim().split('\n').slice(-20).join('\n');
          reject(
            new Error(`${file} ${args.join(' ')} failed: ${error.message}\n${detail}`, { cause: error }),
          );
        } else {
          resolve({ stdout, stderr });
        }
      },
    );
  });
}
