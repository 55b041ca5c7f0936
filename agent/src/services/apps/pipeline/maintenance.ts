import type { AppRecord } from '../../../store/apps';
import type { JobRecord } from '../../../store/jobs';
import type { AppDeps } from '../deps';
import { waitHealthy } from '../health';
import type { Run } from './run';

/**
 * Opens a module update's window, as Odoo.sh does by stopping the service: the proxy answers 503 with
 * `Retry-After` to new requests, requests in flight finish, then the serving revision is stopped (its
 * crons write too). From then on nothing writes to the database, so the snapshot taken next holds every
 * committed write and putting it back after a failed `-u` loses none. Both are remembered before they
 * happen, so a failure, a cancel or a crash in between still undoes them.
 */
export async function holdTraffic(run: Run): Promise<string> {
  const { deps, app } = run;
  run.tracker.remember({ heldTraffic: true });
  run.heldSince = Date.now();
  const unfinished = await deps.proxy.hold(app.id);
  const info = app.containerName ? await deps.docker.inspect(app.containerName) : undefined;
  if (!app.containerName || !info?.running) return 'traffic held (no revision was running)';
  run.tracker.remember({ stoppedContainer: app.containerName });
  await deps.docker.stop(app.containerName, 10);
  const cut = unfinished > 0 ? ` (${unfinished} request(s) still running were cut)` : '';
  return `traffic held, ${app.containerName} stopped${cut}`;
}

/**
 * Closes a window that did not end in a switch: the stopped revision is started again and waited for
 * until it answers the health path, then traffic flows to it again. Throws when it does not come back;
 * traffic is released either way.
 */
export async function resumePrevious(deps: AppDeps, job: JobRecord, app: AppRecord): Promise<void> {
  try {
    const container = job.undo.stoppedContainer;
    if (!container || app.containerPort === null) return;
    await deps.docker.start(container);
    const info = await deps.docker.inspect(container);
    await waitHealthy({
      docker: deps.docker,
      container,
      port: app.containerPort,
      path: deps.settings.healthPath,
      timeoutMs: deps.settings.healthTimeoutMs,
      restartsBefore: info?.restartCount ?? 0,
    });
  } finally {
    deps.proxy.release(app.id);
  }
}
