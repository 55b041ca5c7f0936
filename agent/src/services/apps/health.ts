import { request } from 'node:http';
import type { DockerAdapter } from '../../adapters/docker/docker';
import { throwIfAborted } from '../../adapters/errors';
import { JobFailure } from '../adapterErrors';

const POLL_MS = 50;

/** One GET; resolves the status, or 0 when nothing answered. */
export function probe(port: number, path: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET', timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
    req.end();
  });
}

/** Waits `ms`, or less when `signal` aborts; its abort listener goes either way (signals outlive waits). */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * Waits until the container answers `path` with a 2xx on its loopback port. Fails early when the
 * container stops (`CONTAINER_EXITED`), and with `HEALTH_TIMEOUT` when it does not answer in time.
 */
export async function waitHealthy(options: {
  docker: DockerAdapter;
  container: string;
  port: number;
  path: string;
  timeoutMs: number;
  /** The container's restart count when the wait began; more restarts mean it crashed. */
  restartsBefore: number;
  signal?: AbortSignal;
}): Promise<number> {
  const started = Date.now();
  let checked = 0;
  for (;;) {
    throwIfAborted(options.signal);
    const status = await probe(options.port, options.path);
    if (status >= 200 && status < 300) return Date.now() - started;
    if (Date.now() - checked > 1000) {
      checked = Date.now();
      const info = await options.docker.inspect(options.container);
      // A crash under `restart: unless-stopped` shows as a restart, not as a stopped container.
      if (!info || !info.running || info.restartCount > options.restartsBefore) {
        const exitCode =
          info?.exitCode ?? (await options.docker.lastExitCode(options.container, started - 1000));
        throw new JobFailure(
          'CONTAINER_EXITED',
          `the container stopped before it was healthy (exit code ${exitCode ?? 'unknown'})`,
        );
      }
    }
    if (Date.now() - started > options.timeoutMs) {
      throw new JobFailure(
        'HEALTH_TIMEOUT',
        `${options.path} did not answer 2xx within ${Math.round(options.timeoutMs / 1000)} s (last status ${status || 'none'})`,
      );
    }
    await sleep(POLL_MS, options.signal);
  }
}
