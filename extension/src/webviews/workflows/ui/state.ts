import type { JobStepView, JobView } from '../../messages/jobView';
import type { WorkflowFilter, WorkflowsModel } from '../../messages/workflows';
import { IDLE, type RequestState } from '../../shared/ui/requests';

export interface WorkflowsState {
  model: WorkflowsModel | undefined;
  /** The filter as chosen; empty strings for "any". */
  filter: { appId: string; kind: '' | JobView['kind']; outcome: '' | NonNullable<WorkflowFilter['outcome']> };
  /** The opened job with its steps. */
  detail: { job: JobView; steps: JobStepView[] } | undefined;
  request: RequestState;
}

export const INITIAL_STATE: WorkflowsState = {
  model: undefined,
  filter: { appId: '', kind: '', outcome: '' },
  detail: undefined,
  request: IDLE,
};

/** The chosen filter as the contract's (omitted fields: any). */
export function toFilter(f: WorkflowsState['filter']): WorkflowFilter {
  const filter: WorkflowFilter = {};
  if (f.appId) filter.appId = f.appId;
  if (f.kind) filter.kind = f.kind;
  if (f.outcome) filter.outcome = f.outcome;
  return filter;
}

/** Whether a job that just finished belongs in the list shown for `filter`. */
export function matches(job: JobView, filter: WorkflowFilter): boolean {
  return (
    (!filter.appId || job.appId === filter.appId) &&
    (!filter.kind || job.kind === filter.kind) &&
    (!filter.outcome || job.state === filter.outcome)
  );
}
