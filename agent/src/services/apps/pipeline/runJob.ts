import { JOB_STEPS } from '@paas/protocol';
import { isAdapterError } from '../../../adapters/errors';
import { nowIso } from '../../../ids';
import { findEnvironment } from '../../../store/environments';
import { jobErrorOf } from '../../adapterErrors';
import { INTERRUPTED, SHUTDOWN } from '../../jobs/jobQueue';
import { JobTracker } from '../../jobs/jobTracker';
import { appStateAfter } from '../appStates';
import { effectiveImage } from '../appView';
import type { AppDeps } from '../deps';
import { containerName } from '../names';
import { fetchStep } from './fetch';
import { moduleSteps } from './modules';
import { databaseStep, prepareStep } from './prepare';
import { backupStep } from './backup';
import { buildDatabase } from './cleanDatabase';
import type { CopyProduction, PreUpdateBackup, Run } from './run';
import { healthStep, startStep, switchStep } from './serve';
import { undoJob } from './undo';
import { validateStep } from './validate';

function newRun(
  deps: AppDeps,
  tracker: JobTracker,
  signal: AbortSignal,
  backupBeforeUpdate: PreUpdateBackup,
  copyProduction?: CopyProduction,
): Run {
  const job = tracker.job;
  const app = deps.apps.get(job.appId);
  const project = deps.apps.project(app.projectId);
  const environment = findEnvironment(deps.db, app.environmentId);
  if (!environment) throw new Error(`environment ${app.environmentId} vanished`);
  const container = containerName(project.code, app.environmentType, app.slug, job.revision);
  return {
    deps,
    tracker,
    job,
    app,
    project,
    environment,
    signal,
    backupBeforeUpdate,
    copyProduction,
    container,
    database: buildDatabase(app, environment, job.revision),
    image: effectiveImage(app, project),
  };
}

/** The steps of a deploy or update; resolves `false` when an update found nothing to do. */
async function runSteps(run: Run): Promise<boolean> {
  run.tracker.remember({
    candidateContainer: run.container,
    candidateCheckout: run.deps.layout.revision(run.app.id, run.job.revision),
  });
  if (!(await fetchStep(run))) {
    for (const name of JOB_STEPS[run.job.kind].filter((n) => n !== 'fetch'))
      run.tracker.skip(name, 'nothing to update');
    return false;
  }
  await validateStep(run);
  await backupStep(run);
  await run.deps.docker.ensureImage(run.image, run.signal);
  await prepareStep(run);
  await databaseStep(run);
  await moduleSteps(run);
  await startStep(run);
  await healthStep(run);
  await switchStep(run);
  return true;
}

/**
 * Whether the app's previous revision serves again after an undo: the proxy sends traffic to it. Read from
 * the store, not the run's copy taken before the job: a step may have changed the app since.
 */
function previousServing(deps: AppDeps, appId: string): boolean {
  const app = deps.apps.get(appId);
  return (
    app.containerName !== null &&
    app.containerPort !== null &&
    deps.proxy.targetOf(app.id) === app.containerPort
  );
}

/**
 * Runs one queued job to its end. Success leaves the app `running` on the new revision. Failure or
 * cancellation undoes the job's half-made work and keeps the previous revision serving: the app stays
 * `running` with the reason as `lastError` (`canceled` after a cancel; `error` when nothing serves, as
 * after a failed first deploy); a shutdown marks the job `interrupted` (retryable).
 */
export async function runJob(
  deps: AppDeps,
  jobId: string,
  signal: AbortSignal,
  backupBeforeUpdate: PreUpdateBackup,
  copyProduction?: CopyProduction,
): Promise<void> {
  const tracker = new JobTracker(deps.db, deps.notifier, jobId);
  if (tracker.job.state !== 'queued') return;
  tracker.update({ state: 'running', startedAt: nowIso() });
  const run = newRun(deps, tracker, signal, backupBeforeUpdate, copyProduction);
  const log = deps.log.child({ job: jobId, app: run.app.id });
  try {
    const changed = await runSteps(run);
    tracker.update({ state: 'succeeded', finishedAt: nowIso() });
    if (!changed)
      deps.apps.change(run.app.id, { state: run.app.state === 'error' ? 'running' : run.app.state });
    log.info({ revision: run.job.revision, changed }, 'job succeeded');
  } catch (error) {
    const canceled = signal.aborted || isAdapterError(error, 'ABORTED');
    const interrupted = canceled && signal.reason === SHUTDOWN;
    const problems = await undoJob(deps, tracker.job, run.app);
    const outcome = interrupted ? 'interrupted' : canceled ? 'canceled' : 'failed';
    const reason = interrupted
      ? INTERRUPTED
      : canceled
        ? { code: 'CANCELED', message: 'the job was canceled' }
        : jobErrorOf(error);
    tracker.update({ state: outcome, error: reason, finishedAt: nowIso() });
    const previousServes = problems.length === 0 && previousServing(deps, run.app.id);
    deps.apps.change(run.app.id, { state: appStateAfter(outcome, previousServes), lastError: reason });
    log.warn({ err: error, reason, undoProblems: problems }, 'job did not succeed');
  }
}
