import { JOB_STEPS, RpcError, type Job, type JobKind, type JobStepName } from '@paas/protocol';
import { isAdapterError } from '../../adapters/errors';
import { nowIso } from '../../ids';
import { inTransaction } from '../../store/database';
import { findImportOf, type JobOptions, type JobRecord } from '../../store/jobs';
import { conflict } from '../../errors';
import { jobErrorOf } from '../adapterErrors';
import { SHUTDOWN } from '../jobs/jobQueue';
import type { JobService, JobSubject } from '../jobs/jobService';
import { JobTracker } from '../jobs/jobTracker';
import type { BackupTarget } from './appDirectory';
import type { BackupService } from './backupService';
import { JobStepHandle } from './jobHandle';
import { errorView } from './operations';
import type { ImportService } from './importService';
import type { RestoreService } from './restoreService';

/** The kinds of job this file runs. */
export const BACKUP_JOB_KINDS = [
  'backup',
  'restore',
  'verify',
  'import',
] as const satisfies readonly JobKind[];
type BackupJobKind = (typeof BACKUP_JOB_KINDS)[number];

/** The step every progress text of a kind lands in, unless it opens a step of its own. */
const MAIN_STEP: Record<BackupJobKind, JobStepName> = {
  backup: 'backup',
  restore: 'restore',
  verify: 'verify',
  import: 'verify',
};

/** A job error from a backup-domain, adapter or protocol failure. */
function failureOf(error: unknown): { code: string; message: string } {
  return isAdapterError(error) || error instanceof RpcError ? errorView(error) : jobErrorOf(error);
}

function megabytes(bytes: number | null): string {
  return `${((bytes ?? 0) / 1024 / 1024).toFixed(1)} MiB`;
}

/**
 * Backups, restores and verifications as jobs of the project's queue (the seeds' Queue): requests check
 * their input and queue a job; the queue's worker runs it through the backup and restore services, its
 * progress reported as job steps (`jobs/didProgress`). Like deploys, one job at a time per app.
 */
export class BackupJobs {
  constructor(
    private readonly backups: BackupService,
    private readonly restores: RestoreService,
    private readonly imports: ImportService,
    private readonly jobs: JobService,
    private readonly serverId: string,
  ) {}

  /** `backups/create`: a manual backup of the app. */
  backup(appId: string, requestedBy: string): Job {
    return this.queue(this.subjectOf(this.backups.deps.apps.target(appId)), 'backup', requestedBy);
  }

  /** `backups/restore`: the backup into an app of its project, checked before it is queued. */
  restore(
    backupId: string,
    targetAppId: string,
    options: { neutralize?: boolean; newIdentity?: boolean },
    requestedBy: string,
  ): Job {
    const plan = this.restores.planRestore(backupId, targetAppId, options);
    return this.queue(this.subjectOf(plan.target), 'restore', requestedBy, {
      backupId,
      options: { neutralize: plan.neutralize, newIdentity: plan.newIdentity },
    });
  }

  /** `backups/verify`: a job of the backup's app, which may since have been destroyed. */
  verify(backupId: string, requestedBy: string): Job {
    const backup = this.restores.restorable(backupId);
    const subject: JobSubject = {
      id: backup.appId,
      name: backup.appName,
      projectId: backup.projectId,
      environmentId: backup.environmentId,
      serverId: this.serverId,
      revision: 0,
    };
    return this.queue(subject, 'verify', requestedBy, { backupId });
  }

  /** `backups/import`: the caller's own upload, as an `imported` backup of the app it was uploaded for. */
  import(uploadId: string, userId: string, requestedBy: string): Job {
    const upload = this.imports.uploads.ownedBy(uploadId, userId);
    const target = this.backups.deps.apps.target(upload.appId);
    return this.queue(this.subjectOf(target), 'import', requestedBy, { options: { uploadId } }, () => {
      const earlier = findImportOf(this.backups.deps.db, uploadId);
      if (earlier)
        throw conflict(`upload ${uploadId} is already imported by job ${earlier.id}`, { jobId: earlier.id });
    });
  }

  /** The app an upload is for, to authorize an import like any act on that app (ownership comes after). */
  uploadScope(uploadId: string): BackupTarget {
    return this.backups.deps.apps.target(this.imports.uploads.get(uploadId).appId);
  }

  /** The queue's worker for backup, restore, verify and import jobs. */
  async run(jobId: string, signal: AbortSignal): Promise<void> {
    const tracker = new JobTracker(this.backups.deps.db, this.backups.deps.notifier, jobId);
    const job = tracker.job;
    if (job.state !== 'queued') return;
    tracker.update({ state: 'running', startedAt: nowIso() });
    const kind = job.kind as BackupJobKind;
    const handle = new JobStepHandle(tracker, signal, JOB_STEPS[kind], MAIN_STEP[kind]);
    try {
      const summary = await this.work(job, handle);
      handle.finish(summary, 'not needed');
      tracker.update({ state: 'succeeded', finishedAt: nowIso() });
    } catch (error) {
      const canceled = signal.aborted || isAdapterError(error, 'ABORTED');
      const interrupted = canceled && signal.reason === SHUTDOWN;
      const reason = failureOf(error);
      handle.fail(reason.message, canceled);
      tracker.update({
        state: interrupted ? 'interrupted' : canceled ? 'canceled' : 'failed',
        error: reason,
        finishedAt: nowIso(),
      });
      this.backups.deps.log.warn({ err: error, job: jobId, kind, reason }, 'backup job did not succeed');
    }
  }

  /** Runs the job's work; resolves the last step's summary. */
  private async work(job: JobRecord, handle: JobStepHandle): Promise<string> {
    if (job.kind === 'backup') {
      const backup = await this.backups.backupNow(job.appId, 'manual', handle.signal, handle);
      return `backup ${backup.id}: ${megabytes(backup.sizeBytes)}, ${backup.tables} tables, ${backup.files} files`;
    }
    if (job.kind === 'restore') {
      const plan = this.restores.planRestore(job.backupId!, job.appId, job.options);
      await this.restores.restoreNow(plan, handle);
      const notes = [
        plan.neutralize ? 'neutralized' : '',
        plan.newIdentity ? 'with a new database identity' : '',
      ];
      return [`the app runs on backup ${plan.backup.id}`, ...notes.filter(Boolean)].join(', ');
    }
    if (job.kind === 'import') {
      const backup = await this.imports.importNow(job.options.uploadId!, handle);
      const missing = backup.missingAttachments
        ? `; ${backup.missingAttachments} attachments have no file in the zip`
        : '';
      return `imported as backup ${backup.id}: ${megabytes(backup.sizeBytes)}, ${backup.tables} tables, ${backup.files} files${missing}`;
    }
    const backup = this.restores.restorable(job.backupId!);
    await this.restores.verifyNow(backup, handle);
    return this.backups.get(backup.id).verification?.message ?? 'verified';
  }

  private subjectOf(target: BackupTarget): JobSubject {
    return {
      id: target.appId,
      name: target.appName,
      projectId: target.projectId,
      environmentId: target.environmentId,
      serverId: this.serverId,
      revision: target.revision,
    };
  }

  private queue(
    subject: JobSubject,
    kind: BackupJobKind,
    requestedBy: string,
    extra: { backupId?: string; options?: JobOptions } = {},
    /** Checked in the transaction that creates the job, so two requests cannot both pass it. */
    guard: () => void = () => undefined,
  ): Job {
    const db = this.backups.deps.db;
    const job = inTransaction(db, () => {
      guard();
      return this.jobs.create(subject, kind, requestedBy, extra);
    });
    this.jobs.start(job.id);
    return this.jobs.view(this.jobs.record(job.id));
  }
}
