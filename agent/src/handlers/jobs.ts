import { CancelJob, GetJob, ListJobs, type Action, type JobKind } from '@paas/protocol';
import type { EnvironmentService } from '../services/environments';
import type { JobService } from '../services/jobs/jobService';
import { requireAction } from './authorize';
import { defineHandler } from './handler';

/** Canceling a job takes the action that queued it. */
const QUEUED_BY: { readonly [K in JobKind]: Action } = {
  deploy: 'app.deploy',
  update: 'app.update',
  backup: 'app.backup',
  restore: 'backup.restore',
  verify: 'app.backup',
  import: 'app.backup',
  runner: 'runner.run',
  dryRun: 'app.update',
};

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
        requireAction(context, QUEUED_BY[job.kind], {
          projectId: job.projectId,
          environmentType,
        });
      },
      handle: (params) => ({ job: jobs.cancel(params.jobId) }),
      target: (params) => `job:${params.jobId}`,
    }),
  ];
}
