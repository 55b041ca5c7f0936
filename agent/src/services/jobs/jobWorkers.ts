import type { JobKind } from '@paas/protocol';
import type { Db } from '../../store/database';
import { findJob } from '../../store/jobs';
import type { JobWorker } from './jobQueue';

/**
 * Which code runs each kind of job: deploys and updates are the apps', backups, restores and
 * verifications the backups'. Filled at wiring, before the queue resumes stored jobs.
 */
export class JobWorkers {
  private readonly byKind = new Map<JobKind, JobWorker>();

  constructor(private readonly db: Db) {}

  register(kinds: readonly JobKind[], worker: JobWorker): void {
    for (const kind of kinds) this.byKind.set(kind, worker);
  }

  /** Runs a stored job with the worker of its kind (a vanished job is nothing to run). */
  async run(jobId: string, signal: AbortSignal): Promise<void> {
    const job = findJob(this.db, jobId);
    if (!job) return;
    const worker = this.byKind.get(job.kind);
    if (!worker) throw new Error(`no worker runs ${job.kind} jobs`);
    await worker(jobId, signal);
  }
}
