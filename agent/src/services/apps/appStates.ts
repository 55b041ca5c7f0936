import type { AppState, JobState, JobStepName } from '@paas/protocol';

/** The app state shown while a job runs a step: the seeds' queued → fetching → preparing → starting. */
export function appStateDuring(step: JobStepName): AppState {
  if (step === 'fetch') return 'fetching';
  if (step === 'start' || step === 'health' || step === 'switch') return 'starting';
  return 'preparing';
}

/**
 * The app state once a job ended. A success runs the new revision; a cancel shows `canceled`; a failure or
 * an interruption shows `error` (the previous revision, if any, keeps serving either way).
 */
export function appStateAfter(outcome: Exclude<JobState, 'queued' | 'running'>): AppState {
  if (outcome === 'succeeded') return 'running';
  return outcome === 'canceled' ? 'canceled' : 'error';
}

/** `apps/retry` is offered only where Odoo.sh offers it: after an error or a cancel. */
export function canRetry(state: AppState): boolean {
  return state === 'error' || state === 'canceled';
}
