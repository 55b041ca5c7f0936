import { JOB_KIND_ACTIONS, type EnvironmentType, type Job, type JobStepDetail } from '@paas/protocol';
import { STEP_LOG_TAIL, type JobStepView, type JobView } from '../messages/jobView';

/** What a job's ids stand for: app names, and environment types (runner jobs name an environment). */
export interface JobNames {
  readonly apps: ReadonlyMap<string, string>;
  readonly environments: ReadonlyMap<string, EnvironmentType>;
}

function durationOf(job: Job): number | null {
  if (!job.startedAt || !job.finishedAt) return null;
  return Math.max(0, Date.parse(job.finishedAt) - Date.parse(job.startedAt));
}

/** A job as the Queue and Workflows screens show it. */
export function toJobView(job: Job, names: JobNames): JobView {
  const environmentType = names.environments.get(job.environmentId) ?? null;
  const subject =
    job.kind === 'runner'
      ? `${environmentType ?? job.environmentId} environment`
      : (names.apps.get(job.appId) ?? job.appId);
  return {
    id: job.id,
    kind: job.kind,
    state: job.state,
    subject,
    appId: job.appId,
    environmentType,
    requestedBy: job.requestedBy,
    progress: job.progress,
    currentStep: job.steps.find((s) => s.state === 'running')?.name ?? null,
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
    durationMs: durationOf(job),
    error: job.error,
    cancelAction: JOB_KIND_ACTIONS[job.kind],
  };
}

/** A step with its log's tail: logs stay on the agent beyond {@link STEP_LOG_TAIL} characters. */
export function toJobStepView(step: JobStepDetail): JobStepView {
  const truncated = step.log.length > STEP_LOG_TAIL;
  return {
    name: step.name,
    state: step.state,
    durationMs: step.durationMs,
    summary: step.summary,
    log: truncated ? step.log.slice(-STEP_LOG_TAIL) : step.log,
    truncated,
  };
}
