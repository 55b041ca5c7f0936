import type { ContainerSpec, DockerAdapter } from '../../adapters/docker/docker';
import { AdapterError } from '../../adapters/errors';

/** What a one-shot container left: its exit code and everything it printed. */
export interface OneShotResult {
  exitCode: number;
  output: string;
}

/**
 * Runs a container to completion (Odoo with `--stop-after-init`) and removes it, whatever happens. A run
 * past `timeoutMs` or aborted is killed.
 */
export async function runOneShot(
  docker: DockerAdapter,
  spec: ContainerSpec,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<OneShotResult> {
  await docker.remove(spec.name);
  const limit = AbortSignal.timeout(timeoutMs);
  const stop = signal ? AbortSignal.any([signal, limit]) : limit;
  try {
    await docker.create(spec);
    await docker.start(spec.name);
    let exitCode: number;
    try {
      exitCode = await docker.wait(spec.name, stop);
    } catch (error) {
      if (error instanceof AdapterError && error.code === 'ABORTED' && limit.aborted && !signal?.aborted) {
        const output = await docker.readLogs(spec.name).catch(() => '');
        return {
          exitCode: -1,
          output: `${output}\n[paas-agent] killed after ${Math.round(timeoutMs / 1000)} s\n`,
        };
      }
      throw error;
    }
    return { exitCode, output: await docker.readLogs(spec.name) };
  } finally {
    await docker.remove(spec.name).catch(() => undefined);
  }
}
