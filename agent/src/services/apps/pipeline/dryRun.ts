import { join } from 'node:path';
import { isAdapterError } from '../../../adapters/errors';
import { nowIso } from '../../../ids';
import { findEnvironment } from '../../../store/environments';
import { jobErrorOf } from '../../adapterErrors';
import { INTERRUPTED, SHUTDOWN } from '../../jobs/jobQueue';
import { JobTracker } from '../../jobs/jobTracker';
import type { OdooNeutralization } from '../../backups/appDirectory';
import { effectiveImage } from '../appView';
import type { AppDeps } from '../deps';
import { containerName, dryRunDatabaseName } from '../names';
import { OdooCommands } from '../odooCommands';
import { fetchStep } from './fetch';
import { plannedChanges, runOdoo } from './modules';
import { prepareStep } from './prepare';
import type { CopyAppDatabase, Run } from './run';
import { step } from './run';
import { undoJob } from './undo';
import { validateStep } from './validate';

/**
 * A dry run's Run: the app as a real update would see it, but with its copy's database name, so the
 * configuration, Odoo's command line and the module check only ever name the copy.
 */
function newDryRun(deps: AppDeps, tracker: JobTracker, signal: AbortSignal, scratchDir: string): Run {
  const job = tracker.job;
  const app = deps.apps.get(job.appId);
  const project = deps.apps.project(app.projectId);
  const environment = findEnvironment(deps.db, app.environmentId);
  if (!environment) throw new Error(`environment ${app.environmentId} vanished`);
  const copy = { ...app, databaseName: dryRunDatabaseName(app.databaseName, job.revision) };
  tracker.remember({
    candidateContainer: containerName(project.code, app.environmentType, app.slug, job.revision),
    candidateCheckout: deps.layout.revision(app.id, job.revision),
    scratchDatabase: copy.databaseName,
    scratchDir,
  });
  return {
    deps,
    tracker,
    job,
    app: copy,
    database: copy.databaseName,
    project,
    environment,
    signal,
    backupBeforeUpdate: () => Promise.reject(new Error('a dry run takes no backup')),
    container: containerName(project.code, app.environmentType, app.slug, job.revision),
    image: effectiveImage(app, project),
  };
}

/** Database: the app's database copied live and neutralized; the copy's filestore goes where Odoo reads it. */
async function copyStep(run: Run, copyAppDatabase: CopyAppDatabase, scratchDir: string): Promise<void> {
  const { deps, app } = run;
  await step(run, 'database', async () => {
    const commands = new OdooCommands(deps);
    const neutralize = async (database: string): Promise<OdooNeutralization> => {
      const outcome = await commands.neutralize(app.id, run.image, database, {
        container: run.container,
        mounts: run.mounts!,
      });
      return outcome.ran ? { done: outcome.output } : { fallback: outcome.reason };
    };
    // Odoo finds a database's files at <data_dir>/filestore/<database> (odoo/tools/config.py, filestore()).
    const dataDir = join(scratchDir, 'data');
    const neutralized = await copyAppDatabase(
      app.id,
      { database: app.databaseName, filestoreDir: join(dataDir, 'filestore', app.databaseName) },
      join(scratchDir, 'copy'),
      neutralize,
      run.signal,
    );
    await deps.files.ownTree(dataDir, deps.settings.appUid);
    run.mounts = { ...run.mounts!, dataDir };
    run.tracker.log('database', neutralized.join('\n'));
    return `copied the app's database to ${app.databaseName}, neutralized`;
  });
}

/** Module update: Odoo runs on the copy exactly the `-i`/`-u` the update would run. */
async function rehearseStep(run: Run): Promise<void> {
  await step(run, 'moduleUpdate', async () => {
    const changes = await plannedChanges(run);
    if (changes.install.length === 0 && changes.update.length === 0)
      return `nothing would be installed or updated (${changes.why})`;
    await runOdoo(run, 'update', changes);
    const parts = [
      changes.update.length > 0 ? `would update ${changes.update.join(', ')}` : '',
      changes.install.length > 0 ? `would install ${changes.install.join(', ')}` : '',
    ];
    return parts.filter(Boolean).join('; ');
  });
}

/**
 * Runs a `dryRun` job: the update's fetch, validate and prepare for the app's next revision, then a live,
 * neutralized copy of the app's database and Odoo's `-i`/`-u` on it. The copy, its files and the checkout
 * are dropped whatever happens (undo.ts); nothing of the app changes, its state neither.
 */
export async function runDryRun(
  deps: AppDeps,
  jobId: string,
  signal: AbortSignal,
  copyAppDatabase: CopyAppDatabase,
): Promise<void> {
  const tracker = new JobTracker(deps.db, deps.notifier, jobId);
  if (tracker.job.state !== 'queued') return;
  tracker.update({ state: 'running', startedAt: nowIso() });
  const scratchDir = join(deps.layout.scratch(), 'dry-runs', jobId);
  const run = newDryRun(deps, tracker, signal, scratchDir);
  const log = deps.log.child({ job: jobId, app: run.app.id });
  let outcome: { state: 'succeeded' | 'failed' | 'canceled' | 'interrupted'; error?: unknown } = {
    state: 'succeeded',
  };
  try {
    await fetchStep(run);
    await validateStep(run);
    await deps.docker.ensureImage(run.image, signal);
    await prepareStep(run);
    await copyStep(run, copyAppDatabase, scratchDir);
    await rehearseStep(run);
  } catch (error) {
    const canceled = signal.aborted || isAdapterError(error, 'ABORTED');
    const interrupted = canceled && signal.reason === SHUTDOWN;
    outcome = { state: interrupted ? 'interrupted' : canceled ? 'canceled' : 'failed', error };
  }
  const problems = await undoJob(deps, tracker.job, deps.apps.get(run.app.id));
  const reason =
    outcome.state === 'succeeded'
      ? null
      : outcome.state === 'interrupted'
        ? INTERRUPTED
        : outcome.state === 'canceled'
          ? { code: 'CANCELED', message: 'the job was canceled' }
          : jobErrorOf(outcome.error);
  tracker.update({ state: outcome.state, error: reason, finishedAt: nowIso() });
  if (problems.length > 0) log.warn({ undoProblems: problems }, 'dry run left something behind');
  log.info({ outcome: outcome.state, reason }, 'dry run finished');
}
