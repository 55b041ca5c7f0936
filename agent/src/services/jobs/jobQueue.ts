import fastq, { type queueAsPromised } from 'fastq';
import type { Logger } from '../../log';

/** Why a job's signal fired when it was not canceled by a person: the agent is shutting down. */
export const SHUTDOWN = 'agent shutdown';

/** The error of a job the agent stopped under (shutdown, crash). */
export const INTERRUPTED = { code: 'INTERRUPTED', message: 'the agent stopped while the job ran; retry it' };

/** Runs one job to its end; `signal` fires on `jobs/cancel` or agent shutdown (with that reason). */
export type JobWorker = (jobId: string, signal: AbortSignal) => Promise<void>;

/**
 * The in-process executor of persisted jobs: fastq runs up to `concurrency` jobs at once (the server's
 * `maxConcurrentJobs`); the store's unique index keeps it to one pending job per app. Each job gets an
 * AbortController so a cancel reaches the step that is running.
 */
export class JobQueue {
  private readonly queue: queueAsPromised<string, void>;
  private readonly controllers = new Map<string, AbortController>();
  private closing = false;

  constructor(
    private readonly worker: JobWorker,
    concurrency: number,
    private readonly log: Logger,
  ) {
    this.queue = fastq.promise((jobId: string) => this.work(jobId), concurrency);
  }

  /** Queues a stored job (state `queued`) for execution. */
  enqueue(jobId: string): void {
    if (this.closing) return;
    this.controllers.set(jobId, new AbortController());
    this.queue
      .push(jobId)
      .catch((error: unknown) => this.log.error({ err: error, job: jobId }, 'job crashed'));
  }

  /** Aborts a queued or running job; returns whether this queue had it. */
  cancel(jobId: string, reason = 'canceled'): boolean {
    const controller = this.controllers.get(jobId);
    controller?.abort(reason);
    return controller !== undefined;
  }

  /** Whether the job is queued or running here. */
  has(jobId: string): boolean {
    return this.controllers.has(jobId);
  }

  /** Aborts every job with `reason` and waits (up to `timeoutMs`) for the running ones to wind down. */
  async close(reason: string, timeoutMs = 20_000): Promise<void> {
    this.closing = true;
    for (const controller of this.controllers.values()) controller.abort(reason);
    if (this.queue.idle()) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.queue.drained(),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      }),
    ]);
    clearTimeout(timer);
  }

  private async work(jobId: string): Promise<void> {
    const controller = this.controllers.get(jobId) ?? new AbortController();
    try {
      await this.worker(jobId, controller.signal);
    } finally {
      this.controllers.delete(jobId);
    }
  }
}
