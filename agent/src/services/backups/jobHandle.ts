import type { JobStepName } from '@paas/protocol';
import type { JobUndo } from '../../store/jobs';
import type { JobTracker } from '../jobs/jobTracker';
import type { OperationHandle } from './operations';

/**
 * Progress texts that open a step of their own (when the job has it); every other text belongs to the step
 * that runs, or the job's main step before any.
 */
const PHASES: Readonly<Record<string, JobStepName>> = {
  'pre-restore backup': 'backup',
  'reading archive': 'restore',
  'archiving the import': 'backup',
  switching: 'switch',
};

/** What a step did, when the job moves on from it. */
const DONE: Partial<Record<JobStepName, string>> = {
  backup: 'backup taken',
  restore: 'restored into a new database and a staged filestore',
  verify: 'the zip checked and loaded into a throwaway database by an unprivileged role',
  switch: 'the app runs on the restored copy',
};

/**
 * A backup, restore or verification reporting into its job: progress texts become the job's steps and
 * step logs (one line per new text; byte counts only go into the summary, so a backup streaming thousands
 * of files does not write the store thousands of times).
 */
export class JobStepHandle implements OperationHandle {
  private current: JobStepName | undefined;
  private lastText = '';
  private readonly started = new Set<JobStepName>();

  constructor(
    private readonly tracker: JobTracker,
    readonly signal: AbortSignal,
    private readonly steps: readonly JobStepName[],
    /** The step of every text that opens none of its own. */
    private readonly main: JobStepName,
  ) {}

  step(text: string): void {
    const phase = PHASES[text];
    const name = phase && this.steps.includes(phase) ? phase : (this.current ?? this.main);
    if (name !== this.current) this.open(name);
    if (text !== this.lastText) {
      this.lastText = text;
      this.tracker.log(name, text);
    }
  }

  set(change: { backupId?: string }): void {
    if (change.backupId) this.tracker.update({ backupId: change.backupId });
  }

  remember(undo: Pick<JobUndo, 'restoreCopy' | 'replacedDatabase'>): void {
    this.tracker.remember(undo);
  }

  /** Ends the running step with `summary`; steps never reached are skipped with `why`. */
  finish(summary: string, why: string): void {
    if (this.current) this.tracker.finishStep(this.current, 'succeeded', summary);
    for (const name of this.steps) if (!this.started.has(name)) this.tracker.skip(name, why);
  }

  /** Ends the running step as failed (or canceled) with the reason. */
  fail(message: string, canceled: boolean): void {
    if (this.current) this.tracker.finishStep(this.current, canceled ? 'canceled' : 'failed', message);
  }

  private open(name: JobStepName): void {
    if (this.current) this.tracker.finishStep(this.current, 'succeeded', DONE[this.current] ?? null);
    this.current = name;
    this.started.add(name);
    this.tracker.startStep(name);
  }
}
