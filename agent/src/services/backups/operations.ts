import { isAdapterError } from '../../adapters/errors';
import type { JobUndo } from '../../store/jobs';

/**
 * What a running backup, restore or verification reports through: the job running it (see jobHandle.ts)
 * turns steps into job steps and logs.
 */
export interface OperationHandle {
  readonly signal: AbortSignal;
  /** What it is doing now, for people (`dumping database`, `pre-restore backup`, `switching`, ...). */
  step(step: string, bytes?: number): void;
  /** The backup it makes, once its catalog row exists. */
  set(change: { backupId?: string }): void;
  /** What it is about to make, so an agent crash in between can undo it at the next start. */
  remember(undo: Pick<JobUndo, 'restoreCopy' | 'replacedDatabase'>): void;
}

/** Turns any failure into the `{code, message}` clients see; internals stay in the agent's log. */
export function errorView(error: unknown): { code: string; message: string } {
  if (isAdapterError(error)) return { code: error.code, message: error.message };
  if (error instanceof Error && 'code' in error && typeof error.code === 'number')
    return { code: 'REFUSED', message: error.message };
  return { code: 'INTERNAL', message: 'internal error (see the agent log)' };
}

/**
 * Serialises work per app: two backups (or a backup and a restore) of one app never overlap; the second
 * waits for the first. A failure does not block the queue.
 */
export class AppLocks {
  private readonly tails = new Map<string, Promise<unknown>>();

  async run<T>(appId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(appId) ?? Promise.resolve();
    const current = previous.catch(() => undefined).then(work);
    this.tails.set(appId, current);
    try {
      return await current;
    } finally {
      if (this.tails.get(appId) === current) this.tails.delete(appId);
    }
  }
}
