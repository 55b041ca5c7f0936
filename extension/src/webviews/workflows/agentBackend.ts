import { GetJob, ListJobs, type JobState } from '@paas/protocol';
import type { AgentConnection } from '../../client/agentConnection';
import type { CommandContext } from '../../commands/command';
import {
  WORKFLOW_PAGE_SIZE,
  WorkflowOutcomeSchema,
  type WorkflowFilter,
  type WorkflowPage,
} from '../messages/workflows';
import { accessViewOf } from '../shared/access';
import { toJobStepView, toJobView, type JobNames } from '../shared/jobMapping';
import { projectJobNames, watchProjectJobs } from '../shared/projectJobs';
import { connectProject } from '../shared/projectConnection';
import type { WorkflowsBackend } from './panel';

const FINISHED: JobState[] = [...WorkflowOutcomeSchema.options];

async function readPage(
  connection: AgentConnection,
  projectId: string,
  names: JobNames,
  filter: WorkflowFilter,
  before: string | undefined,
): Promise<WorkflowPage> {
  const { jobs } = await connection.request(ListJobs, {
    projectId,
    appId: filter.appId,
    kinds: filter.kind ? [filter.kind] : undefined,
    states: filter.outcome ? [filter.outcome] : FINISHED,
    before,
    limit: WORKFLOW_PAGE_SIZE,
  });
  return {
    filter,
    jobs: jobs.map((job) => toJobView(job, names)),
    more: jobs.length === WORKFLOW_PAGE_SIZE,
  };
}

/** The history of finished jobs on the user's connection: filters and paging are the agent's. */
export function workflowsBackend(context: CommandContext): WorkflowsBackend {
  return {
    async load(ref) {
      const { connection, permissions } = await connectProject(context, ref);
      const { projectName, names, apps } = await projectJobNames(connection, ref.projectId);
      const page = await readPage(connection, ref.projectId, names, {}, undefined);
      return { access: accessViewOf(permissions), projectName, apps, page };
    },
    async page(ref, filter, before) {
      const { connection } = await connectProject(context, ref);
      const { names } = await projectJobNames(connection, ref.projectId);
      return readPage(connection, ref.projectId, names, filter, before);
    },
    async detail(ref, jobId) {
      const { connection } = await connectProject(context, ref);
      const [{ names }, { job, steps }] = await Promise.all([
        projectJobNames(connection, ref.projectId),
        connection.request(GetJob, { jobId }),
      ]);
      return { job: toJobView(job, names), steps: steps.map(toJobStepView) };
    },
    watch: (ref, sink) => watchProjectJobs(context, ref, sink),
  };
}
