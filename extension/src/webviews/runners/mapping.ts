import type { RunnerRun } from '@paas/protocol';
import type { RunRequest, RunnerRunView } from '../messages/runners';

/** A history row: the run with its job's state and error flattened. */
export function toRunnerRunView(run: RunnerRun): RunnerRunView {
  return {
    id: run.id,
    playbook: run.playbook,
    environmentType: run.environmentType,
    ref: run.ref,
    commit: run.commitSha?.slice(0, 12) ?? null,
    requestedBy: run.requestedBy,
    state: run.job.state,
    outcome: run.outcome,
    createdAt: run.createdAt,
    durationMs: run.durationMs,
    error: run.job.error?.message ?? null,
    extraVars: run.extraVars,
    tasks: run.tasks,
  };
}

/** The Run form's key/value rows as `--extra-vars`; a later row wins over an earlier one of the same key. */
export function extraVarsOf(rows: RunRequest['extraVars']): Record<string, string> {
  return Object.fromEntries(rows.map(({ key, value }) => [key, value]));
}
