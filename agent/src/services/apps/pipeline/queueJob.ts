import { JobFailure } from '../../adapterErrors';
import type { ResolvedModule } from '../manifest/resolveModules';
import type { Run } from './run';

/**
 * OCA's job queue (github.com/OCA/queue, `queue_job`). With the environment's `ocaQueue`, apps load it
 * server-wide with its runner configured (odooConfig.ts) and the module must be installed in the database:
 * the runner only serves databases where it is (`initialize_databases` in
 * `queue_job/jobrunner/runner.py`), and it looks for them once, when the server starts (the README's
 * caveat), so the install happens in the one-shot run before the new revision's server starts.
 */
export const QUEUE_JOB = 'queue_job';

/** Whether this build runs the OCA job queue. */
export function runsQueueJob(run: Run): boolean {
  return run.environment.automation.ocaQueue;
}

/** Validate: `queue_job` must be in the addons (the branch, shared addons or the image) to be loaded at all. */
export function assertQueueJobAvailable(run: Run, modules: ReadonlyMap<string, ResolvedModule>): void {
  if (!runsQueueJob(run) || modules.has(QUEUE_JOB)) return;
  throw new JobFailure(
    'QUEUE_JOB_MISSING',
    'the environment runs the OCA queue (ocaQueue) but no addons path holds the queue_job module: add ' +
      'OCA/queue (the branch for this Odoo series) to the branch or as shared addons, or turn ocaQueue off',
  );
}

/** `['queue_job']` when the build runs the queue and the module is not installed in its database yet. */
export async function queueJobToInstall(run: Run): Promise<string[]> {
  if (!runsQueueJob(run)) return [];
  const { deps, app } = run;
  const states = await deps.pg.moduleStates(deps.databases.record(app.databaseServerId), run.database);
  return states.some((m) => m.name === QUEUE_JOB && m.state === 'installed') ? [] : [QUEUE_JOB];
}
