import type { AppState, JobState, JobStepName } from '@paas/protocol';

/** The app state shown while a job runs a step: the seeds' queued → fetching → preparing → starting. */
export function appStateDuring(step: JobStepName): AppState {
  if (step === 'fetch') return 'fetching';
  if (step === 'start' || step === 'health' || step === 'switch') return 'starting';
  return 'preparing';
}

/**
 * The app state once a job ended. A success runs the new revision; a cancel shows `canceled`. A failure or
 * an interruption shows `running` when the previous revision serves again as before (the failed job is
 * the app's `lastError`), and `error` when nothing serves (a first deploy, or an undo that went wrong).
 */
export function appStateAfter(
  outcome: Exclude<JobState, 'queued' | 'running'>,
  previousServes = false,
): AppState {
  if (outcome === 'succeeded') return 'running';
  if (outcome === 'canceled') return 'canceled';
  return previousServes ? 'running' : 'error';
}

/**
 * `apps/retry` is offered where Odoo.sh offers it: after an error or a cancel, and after a failed job whose
 * app still runs its previous revision (`running` with a `lastError`).
 */
export function canRetry(app: { state: AppState; lastError: { code: string } | null }): boolean {
  return (
    app.state === 'error' || app.state === 'canceled' || (app.state === 'running' && app.lastError !== null)
  );
}
