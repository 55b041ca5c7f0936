import { CancelJob, GetJob, JOB_KIND_ACTIONS, ListJobs } from '@paas/protocol';
import type { EnvironmentService } from '../services/environments';
import type { JobService } from '../services/jobs/jobService';
import { requireAction } from './authorize';
import { defineHandler } from './handler';

export function jobHandlers(jobs: JobService, environments: EnvironmentService) {
  return [
    defineHandler({
      type: ListJobs,
      authorize: (params, context) => requireAction(context, 'app.refresh', { projectId: params.projectId }),
      handle: (params) => ({ jobs: jobs.list(params) }),
    }),
    defineHandler({
      type: GetJob,
      authorize: (params, context) =>
        requireAction(context, 'app.refresh', { projectId: jobs.record(params.jobId).projectId }),
      handle: (params) => jobs.get(params.jobId),
    }),
    defineHandler({
      type: CancelJob,
      authorize: (params, context) => {
        const job = jobs.record(params.jobId);
        const environmentType = environments.get(job.environmentId).type;
        requireAction(context, JOB_KIND_ACTIONS[job.kind], {
          projectId: job.projectId,
          environmentType,
        });
      },
      handle: (params) => ({ job: jobs.cancel(params.jobId) }),
      target: (params) => `job:${params.jobId}`,
    }),
  ];
}
