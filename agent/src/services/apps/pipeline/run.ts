import type { Environment, JobStepName, Project } from '@paas/protocol';
import { isAdapterError } from '../../../adapters/errors';
import type { AppRecord } from '../../../store/apps';
import type { JobRecord } from '../../../store/jobs';
import { jobErrorOf } from '../../adapterErrors';
import type { JobTracker } from '../../jobs/jobTracker';
import type { RevisionMounts } from '../containerSpec';
import type { AppDeps } from '../deps';
import { appStateDuring } from '../appStates';
import type { ModuleVersion } from '../manifests';
import type { ResolvedModule } from '../manifest/resolveModules';
import type { OdooNeutralization } from '../../backups/appDirectory';
import type { ProductionCopy } from '../../backups/stagingCopy';

/** Takes the app's pre-update backup and waits for it; resolves the backup's id. */
export type PreUpdateBackup = (appId: string, signal: AbortSignal) => Promise<string>;

/**
 * Replaces a staging app's new, empty database with a neutralized copy of production's (backups'
 * stagingCopy.ts); resolves `undefined` when the project has no production app to copy.
 */
export type CopyProduction = (
  appId: string,
  odooNeutralize: (database: string) => Promise<OdooNeutralization>,
  signal: AbortSignal,
) => Promise<ProductionCopy | undefined>;

/**
 * A live, neutralized copy of the app's own database as `into.database` with its filestore at
 * `into.filestoreDir`, the archive in `workDir` (backups' stagingCopy.ts), for a dry run; resolves what the
 * neutralization did. The caller drops the copy and removes both directories.
 */
export type CopyAppDatabase = (
  appId: string,
  into: { database: string; filestoreDir: string },
  workDir: string,
  odooNeutralize: (database: string) => Promise<OdooNeutralization>,
  signal: AbortSignal,
) => Promise<string[]>;

/** One run of a deploy or update job: what it works on and what it found out so far. */
export interface Run {
  readonly deps: AppDeps;
  readonly tracker: JobTracker;
  readonly job: JobRecord;
  /**
   * The app as it was when the job started (its current revision is the one to replace); a dry run's has
   * its copy's database name, so nothing it runs names the app's own database.
   */
  readonly app: AppRecord;
  readonly project: Project;
  readonly environment: Environment;
  readonly signal: AbortSignal;
  readonly backupBeforeUpdate: PreUpdateBackup;
  readonly copyProduction?: CopyProduction;
  /** The image the new revision runs. */
  readonly image: string;
  /** The new revision's container name. */
  readonly container: string;
  /** The database the new revision runs on: the app's, or a fresh one for a clean build (cleanDatabase.ts). */
  readonly database: string;
  commit?: string;
  mounts?: RevisionMounts;
  /** Modules of the new revision's checkout (project and shared addons), with adapted versions. */
  modules?: ModuleVersion[];
  /** Every module Odoo can load for this revision (the branch's and the image's), as validated. */
  resolved?: Map<string, ResolvedModule>;
  /** The job created the database: Odoo must initialise it. */
  needsInit?: boolean;
  /** Modules installed in a database the job copied (a new staging app's): what the update compares with. */
  copiedModules?: ModuleVersion[];
  /** The new revision's loopback port. */
  port?: number;
  /** When the module update's window began (traffic held); the switch ends it. */
  heldSince?: number;
}

/** Runs one step: marks it running, then succeeded with the summary `work` returns, or failed/canceled. */
export async function step(run: Run, name: JobStepName, work: () => Promise<string>): Promise<void> {
  const state = appStateDuring(name);
  // A dry run leaves the app alone, its state too.
  if (run.job.kind !== 'dryRun' && run.deps.apps.get(run.app.id).state !== state)
    run.deps.apps.change(run.app.id, { state });
  run.tracker.startStep(name);
  try {
    const summary = await work();
    run.tracker.finishStep(name, 'succeeded', summary);
  } catch (error) {
    const canceled = run.signal.aborted || isAdapterError(error, 'ABORTED');
    run.tracker.finishStep(name, canceled ? 'canceled' : 'failed', jobErrorOf(error).message);
    throw error;
  }
}
