import type { JobView } from '../../messages/jobView';
import type { QueueModel } from '../../messages/queue';
import { IDLE, type RequestState } from '../../shared/ui/requests';

export interface QueueState {
  model: QueueModel | undefined;
  request: RequestState;
  /** The job whose cancel is in flight. */
  canceling: string | undefined;
}

export const INITIAL_STATE: QueueState = { model: undefined, request: IDLE, canceling: undefined };

const PENDING: readonly JobView['state'][] = ['queued', 'running'];

/** Applies a `jobs/didProgress`: a pending job is added or updated, a finished one leaves the queue. */
export function withJob(jobs: readonly JobView[], job: JobView): JobView[] {
  const others = jobs.filter((j) => j.id !== job.id);
  if (!PENDING.includes(job.state)) return others;
  return [...others, job].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}
