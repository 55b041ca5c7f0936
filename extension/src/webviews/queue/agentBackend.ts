import { CancelJob, ListJobs, PENDING_JOB_STATES } from '@paas/protocol';
import type { CommandContext } from '../../commands/command';
import { accessViewOf } from '../shared/access';
import { toJobView } from '../shared/jobMapping';
import { projectJobNames, watchProjectJobs } from '../shared/projectJobs';
import { connectProject } from '../shared/projectConnection';
import type { QueueBackend } from './panel';

/** The queue on the user's connection: pending jobs oldest first, the order the agent runs them in. */
export function queueBackend(context: CommandContext): QueueBackend {
  return {
    async load(ref) {
      const { connection, permissions } = await connectProject(context, ref);
      const [{ projectName, names }, { jobs }] = await Promise.all([
        projectJobNames(connection, ref.projectId),
        connection.request(ListJobs, {
          projectId: ref.projectId,
          states: [...PENDING_JOB_STATES],
          limit: 500,
        }),
      ]);
      return {
        access: accessViewOf(permissions),
        projectName,
        jobs: jobs.reverse().map((job) => toJobView(job, names)),
      };
    },
    async cancel(ref, jobId) {
      const { connection } = await connectProject(context, ref);
      await connection.request(CancelJob, { jobId });
    },
    watch: (ref, sink) => watchProjectJobs(context, ref, sink),
  };
}
