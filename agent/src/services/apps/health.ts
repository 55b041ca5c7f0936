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

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
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
        throw new JobFailure(
          'CONTAINER_EXITED',
          `the container stopped before it was healthy (exit code ${info?.exitCode ?? 'unknown'})`,
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
