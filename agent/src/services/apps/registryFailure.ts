import type { DockerAdapter } from '../../adapters/docker/docker';
import { JobFailure } from '../adapterErrors';
import { probe, waitHealthy } from './health';
import { lastErrors, parseOdooLog } from './odooLog';

const CHECK_MS = 1000;

/**
 * Whether a serving Odoo's log says its registry cannot load: an ERROR or CRITICAL record with a
 * traceback. Odoo then keeps running and answers every request with 500 while the log repeats the
 * traceback (`Registry.new()` in `odoo/modules/registry.py`, `preload_registries()` in
 * `odoo/service/server.py`), so waiting for health would only wait for the timeout.
 */
export function registryCannotLoad(log: string): boolean {
  return parseOdooLog(log).some(
    (r) =>
      (r.level === 'ERROR' || r.level === 'CRITICAL') &&
      r.raw.includes('\nTraceback (most recent call last):'),
  );
}

/**
 * Watches a starting revision: rejects with `REGISTRY_FAILED` (the cause first) as soon as its health path
 * answers 5xx and its log holds a traceback. Never resolves; `stop()` ends the watch.
 */
export function watchRegistryFailure(options: {
  docker: DockerAdapter;
  container: string;
  port: number;
  path: string;
}): { failed: Promise<never>; stop(): void } {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const failed = new Promise<never>((_, reject) => {
    const check = async (): Promise<void> => {
      if ((await probe(options.port, options.path)) >= 500) {
        const log = await options.docker.readLogs(options.container, 300).catch(() => '');
        if (!stopped && registryCannotLoad(log))
          return reject(
            new JobFailure('REGISTRY_FAILED', `${lastErrors(log)}\n(${options.path} answered 500)`),
          );
      }
      if (!stopped) timer = setTimeout(() => void check(), CHECK_MS);
    };
    timer = setTimeout(() => void check(), CHECK_MS);
  });
  // Only a race reads it; a watch stopped before failing must not leave an unhandled rejection.
  failed.catch(() => undefined);
  return {
    failed,
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

/**
 * {@link waitHealthy}, but failing with `REGISTRY_FAILED` as soon as the revision's registry is known not
 * to load, instead of after the health timeout.
 */
export async function waitHealthyOrRegistryFailure(
  options: Parameters<typeof waitHealthy>[0],
): Promise<number> {
  const registry = watchRegistryFailure(options);
  const waiting = new AbortController();
  const signals = options.signal ? [options.signal, waiting.signal] : [waiting.signal];
  try {
    return await Promise.race([
      waitHealthy({ ...options, signal: AbortSignal.any(signals) }),
      registry.failed,
    ]);
  } finally {
    registry.stop();
    waiting.abort();
  }
}
