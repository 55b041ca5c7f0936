import {
  CANDIDATE_JOB_KINDS,
  ErrorCode,
  JOB_STEPS,
  RpcError,
  SIDE_JOB_KINDS,
  type Job,
  type JobKind,
  type JobStepDetail,
  type ParamsOf,
  type ListJobs,
} from '@paas/protocol';
import { conflict, notFound } from '../../errors';
import { newId, nowIso } from '../../ids';
import { inTransaction, type Db } from '../../store/database';
import {
  findJob,
  findPendingJob,
  insertJob,
  listJobs,
  listStepDetails,
  type JobOptions,
  type JobRecord,
} from '../../store/jobs';
import type { Notifier } from '../notifier';
import type { JobQueue } from './jobQueue';
import { JobTracker, jobView } from './jobTracker';

/**
 * What a job is for: its app (for a verification, the app the backup was taken of, which may be gone).
 * An app record is one.
 */
export interface JobSubject {
  readonly id: string;
  readonly name: string;
  readonly projectId: string;
  readonly environmentId: string;
  readonly serverId: string;
  readonly revision: number;
}

/** Creates, lists and cancels jobs; running them is the queue's business. */
export class JobService {
  constructor(
    private readonly db: Db,
    private readonly notifier: Notifier,
    private readonly queue: JobQueue,
  ) {}

  record(jobId: string): JobRecord {
    const job = findJob(this.db, jobId);
    if (!job) throw notFound('job', jobId);
    return job;
  }

  view(job: JobRecord): Job {
    return jobView(this.db, job);
  }

  /** A page of the project's jobs; the `before` cursor must be one of its jobs (else NotFound). */
  list(params: ParamsOf<typeof ListJobs>): Job[] {
    if (params.before !== undefined && findJob(this.db, params.before)?.projectId !== params.projectId)
      throw notFound('job', params.before);
    return listJobs(this.db, params).map((job) => this.view(job));
  }

  get(jobId: string): { job: Job; steps: JobStepDetail[] } {
    const job = this.record(jobId);
    return { job: this.view(job), steps: listStepDetails(this.db, jobId) };
  }

  /**
   * Stores a queued job for the app inside the caller's transaction; Conflict when the app already has a
   * pending one (one job at a time per app; `SIDE_JOB_KINDS` excepted). Call {@link start} once the
   * transaction committed.
   */
  create(
    app: JobSubject,
    kind: JobKind,
    requestedBy: string,
    extra: { backupId?: string; options?: JobOptions; id?: string; commitSha?: string } = {},
  ): JobRecord {
    const pending = SIDE_JOB_KINDS.includes(kind) ? undefined : findPendingJob(this.db, app.id);
    if (pending) {
      throw conflict(`app ${app.name} already has a ${pending.state} ${pending.kind} job`, {
        jobId: pending.id,
      });
    }
    const job: JobRecord = {
      id: extra.id ?? newId(),
      projectId: app.projectId,
      environmentId: app.environmentId,
      appId: app.id,
      serverId: app.serverId,
      kind,
      state: 'queued',
      requestedBy,
      commitSha: extra.commitSha ?? null,
      revision: CANDIDATE_JOB_KINDS.includes(kind) ? app.revision + 1 : app.revision,
      backupId: extra.backupId ?? null,
      options: extra.options ?? {},
      progress: 0,
      error: null,
      undo: {},
      createdAt: nowIso(),
      startedAt: null,
      finishedAt: null,
    };
    insertJob(this.db, job, JOB_STEPS[kind]);
    return job;
  }

  /** Hands a stored queued job to the queue and announces it. */
  start(jobId: string): void {
    new JobTracker(this.db, this.notifier, jobId).update({});
    this.queue.enqueue(jobId);
  }

  /**
   * Cancels a pending job. A queued one ends at once; a running one is aborted and ends when its step has
   * stopped and its work is undone (the answer shows it still running then).
   */
  cancel(jobId: string): Job {
    const job = this.record(jobId);
    if (job.state !== 'queued' && job.state !== 'running') {
      throw new RpcError(ErrorCode.Conflict, `job ${jobId} is already ${job.state}`, { state: job.state });
    }
    if (job.state === 'queued') {
      const tracker = new JobTracker(this.db, this.notifier, jobId);
      inTransaction(this.db, () =>
        tracker.update({
          state: 'canceled',
          error: { code: 'CANCELED', message: 'canceled before it started' },
          finishedAt: nowIso(),
        }),
      );
    }
    this.queue.cancel(jobId);
    return this.view(this.record(jobId));
  }
}
