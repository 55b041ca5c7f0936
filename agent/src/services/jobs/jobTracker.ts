import { JobDidProgress, type Job, type JobStepName, type JobStepState } from '@paas/protocol';
import { nowIso } from '../../ids';
import { inTransaction, type Db } from '../../store/database';
import {
  appendStepLog,
  findJob,
  listSteps,
  saveJob,
  saveStep,
  type JobRecord,
  type JobUndo,
} from '../../store/jobs';
import type { Notifier } from '../notifier';

/** The protocol view of a stored job. */
export function jobView(db: Db, record: JobRecord): Job {
  const { serverId: _server, options: _options, undo: _undo, ...job } = record;
  return { ...job, steps: listSteps(db, record.id) };
}

/**
 * Records one job's progress in the store and tells clients (`jobs/didProgress`) after each change: the
 * only writer of a job while it runs.
 */
export class JobTracker {
  constructor(
    private readonly db: Db,
    private readonly notifier: Notifier,
    readonly jobId: string,
  ) {}

  get job(): JobRecord {
    const job = findJob(this.db, this.jobId);
    if (!job) throw new Error(`job ${this.jobId} vanished`);
    return job;
  }

  /** Changes job fields and announces the job. */
  update(
    change: Partial<
      Pick<JobRecord, 'state' | 'commitSha' | 'backupId' | 'error' | 'startedAt' | 'finishedAt'>
    >,
  ): JobRecord {
    const job = inTransaction(this.db, () => {
      const next = { ...this.job, ...change };
      saveJob(this.db, next);
      return next;
    });
    this.announce(job);
    return job;
  }

  /** Records what the job made, so it can be undone. */
  remember(undo: Partial<JobUndo>): void {
    inTransaction(this.db, () => {
      const job = this.job;
      saveJob(this.db, { ...job, undo: { ...job.undo, ...undo } });
    });
  }

  startStep(name: JobStepName): void {
    this.setStep(name, 'running', null);
  }

  finishStep(
    name: JobStepName,
    state: Exclude<JobStepState, 'pending' | 'running'>,
    summary: string | null,
  ): void {
    this.setStep(name, state, summary);
  }

  log(name: JobStepName, text: string): void {
    if (text.length === 0) return;
    appendStepLog(this.db, this.jobId, name, text.endsWith('\n') ? text : `${text}\n`);
  }

  /** Marks the steps that were running when the agent stopped (found at its next start). */
  interruptRunningSteps(): void {
    for (const step of listSteps(this.db, this.jobId).filter((s) => s.state === 'running'))
      this.setStep(step.name, 'interrupted', 'the agent stopped while this step ran');
  }

  /** Marks a step that had nothing to do. */
  skip(name: JobStepName, why: string): void {
    this.setStep(name, 'skipped', why);
  }

  private setStep(name: JobStepName, state: JobStepState, summary: string | null): void {
    const job = inTransaction(this.db, () => {
      const job = this.job;
      const steps = listSteps(this.db, job.id);
      const step = steps.find((s) => s.name === name);
      if (!step) throw new Error(`job ${job.id} has no step ${name}`);
      const now = nowIso();
      const startedAt = state === 'running' ? now : (step.startedAt ?? (state === 'skipped' ? null : now));
      const finished = state !== 'running';
      saveStep(this.db, job.id, {
        ...step,
        state,
        startedAt,
        finishedAt: finished && startedAt ? now : null,
        durationMs: finished && startedAt ? Date.parse(now) - Date.parse(startedAt) : null,
        summary: summary ?? step.summary,
      });
      const done = listSteps(this.db, job.id).filter((s) => s.state !== 'pending' && s.state !== 'running');
      const next = { ...job, progress: Math.round((done.length / steps.length) * 100) };
      saveJob(this.db, next);
      return next;
    });
    this.announce(job);
  }

  private announce(job: JobRecord): void {
    this.notifier.broadcast(job.projectId, JobDidProgress, { job: jobView(this.db, job) });
  }
}
