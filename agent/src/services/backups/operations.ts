import { BackupDidProgress, type BackupOperation } from '@paas/protocol';
import { isBackupError } from '../../adapters/backupError';
import { newId } from '../../ids';
import type { Notifier } from '../notifier';

type Kind = BackupOperation['kind'];

/** The handle a running operation reports through. */
export interface OperationHandle {
  readonly id: string;
  readonly signal: AbortSignal;
  step(step: string, bytes?: number): void;
  set(change: Partial<Pick<BackupOperation, 'backupId'>>): void;
}

/** Progress notifications are throttled: a backup streams thousands of files a second. */
const PROGRESS_INTERVAL_MS = 500;

/** Turns any failure into the `{code, message}` clients see; internals stay in the agent's log. */
export function errorView(error: unknown): { code: string; message: string } {
  if (isBackupError(error)) return { code: error.code, message: error.message };
  if (error instanceof Error && 'code' in error && typeof error.code === 'number')
    return { code: 'REFUSED', message: error.message };
  return { code: 'INTERNAL', message: 'internal error (see the agent log)' };
}

/**
 * Long backup operations (backup, restore, verify): they answer their request at once
 * and report through `backups/didProgress`. Kept in memory; the catalog holds what must survive a restart.
 */
export class Operations {
  private readonly running = new Map<
    string,
    { view: BackupOperation; abort: AbortController; settled: Promise<BackupOperation> }
  >();

  constructor(
    private readonly notifier: Notifier,
    private readonly clock: () => Date,
  ) {}

  /** Starts `work` in the background and returns the operation as it starts. */
  start(
    kind: Kind,
    scope: { projectId: string; backupId?: string; targetAppId?: string },
    work: (handle: OperationHandle) => Promise<void>,
    onFailure: (error: unknown) => void,
  ): BackupOperation {
    const abort = new AbortController();
    const view: BackupOperation = {
      id: newId(),
      kind,
      state: 'running',
      projectId: scope.projectId,
      backupId: scope.backupId ?? null,
      targetAppId: scope.targetAppId ?? null,
      step: 'starting',
      bytes: 0,
      startedAt: this.clock().toISOString(),
      finishedAt: null,
      error: null,
    };
    let last = 0;
    const handle: OperationHandle = {
      id: view.id,
      signal: abort.signal,
      step: (step, bytes) => {
        const changed = step !== view.step;
        Object.assign(view, { step, bytes: bytes ?? view.bytes });
        const now = Date.now();
        if (changed || now - last >= PROGRESS_INTERVAL_MS) {
          last = now;
          this.announce(view);
        }
      },
      set: (change) => Object.assign(view, change),
    };
    this.announce(view);
    const settled = work(handle).then(
      () => this.finish(view, null),
      (error: unknown) => {
        onFailure(error);
        return this.finish(view, errorView(error));
      },
    );
    this.running.set(view.id, { view, abort, settled });
    return { ...view };
  }

  /** Resolves with the operation once it finished (immediately `undefined` for an unknown one). */
  async settled(id: string): Promise<BackupOperation | undefined> {
    return this.running.get(id)?.settled;
  }

  get(id: string): BackupOperation | undefined {
    const entry = this.running.get(id);
    return entry && { ...entry.view };
  }

  /** Aborts every running operation (agent shutdown). */
  abortAll(): void {
    for (const { abort } of this.running.values()) abort.abort(new Error('agent shutting down'));
  }

  private finish(view: BackupOperation, error: BackupOperation['error']): BackupOperation {
    Object.assign(view, {
      state: error ? 'failed' : 'succeeded',
      error,
      finishedAt: this.clock().toISOString(),
    });
    this.announce(view);
    // Kept a little while so a client (or a test) asking right after the end still finds it.
    setTimeout(() => this.running.delete(view.id), 60_000).unref();
    return { ...view };
  }

  private announce(view: BackupOperation): void {
    this.notifier.broadcast(view.projectId, BackupDidProgress, { operation: { ...view } });
  }
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
