import type { EnvironmentType } from '@paas/protocol';
import type { RunnerFilter, RunnersModel } from '../../messages/runners';
import { gate } from '../../shared/ui/gate';
import { IDLE, type RequestState } from '../../shared/ui/requests';

/** The Run form as typed. */
export interface RunDraft {
  playbook: string;
  environmentType: EnvironmentType | '';
  ref: string;
  extraVars: { key: string; value: string }[];
}

export interface RunnersState {
  model: RunnersModel | undefined;
  draft: RunDraft;
  /** The history filter as typed (applied with Apply). */
  filter: RunnerFilter;
  /** The run whose per-task results are shown. */
  selectedRun: string | undefined;
  /** The Run form's request (run, list playbooks). */
  request: RequestState;
  /** The history's request (filter, cancel). */
  historyRequest: RequestState;
}

export const INITIAL_STATE: RunnersState = {
  model: undefined,
  draft: { playbook: '', environmentType: '', ref: '', extraVars: [] },
  filter: {},
  selectedRun: undefined,
  request: IDLE,
  historyRequest: IDLE,
};

/** Where a run goes unless the user picks: the least critical environment first. */
const DEFAULT_ORDER: readonly EnvironmentType[] = ['development', 'staging', 'production'];

/**
 * The form after a model arrived: unless already chosen, the model's branch, its first playbook and the
 * least critical environment the caller may run in.
 */
export function withModelDefaults(draft: RunDraft, model: RunnersModel): RunDraft {
  const paths = model.playbooks.playbooks.map((p) => p.path);
  const runnable = DEFAULT_ORDER.find(
    (type) => model.environments.includes(type) && gate(model.access, 'runner.run', type).allowed,
  );
  return {
    ...draft,
    ref: draft.ref || model.playbooks.ref,
    playbook: paths.includes(draft.playbook) ? draft.playbook : (paths[0] ?? ''),
    environmentType:
      draft.environmentType && model.environments.includes(draft.environmentType)
        ? draft.environmentType
        : (runnable ?? model.environments[0] ?? ''),
  };
}
