import {
  CancelJob,
  GetProject,
  JobDidProgress,
  ListApps,
  ListPlaybooks,
  ListRunnerRuns,
  RunPlaybook,
} from '@paas/protocol';
import * as vscode from 'vscode';
import type { CommandContext } from '../../commands/command';
import type { PlaybookList, RunnerFilter } from '../messages/runners';
import { accessViewOf } from '../shared/access';
import { errorViewOf } from '../shared/errorView';
import { connectProject } from '../shared/projectConnection';
import type { ProjectKey } from '../shared/panels';
import { extraVarsOf, toRunnerRunView } from './mapping';
import type { RunnersBackend } from './panel';

/** How many runs the history shows, newest first. */
const HISTORY_SIZE = 100;

/** The branch the Run form starts on: the production app's, else `main` (as `runners/playbooks` picks). */
async function defaultBranch(context: CommandContext, ref: ProjectKey): Promise<string> {
  const { connection } = await connectProject(context, ref);
  const { apps } = await connection.request(ListApps, { projectId: ref.projectId, includeDisabled: false });
  return apps.find((app) => app.environmentType === 'production')?.branch ?? 'main';
}

/** The runners screen over `runners/*`, with logs in terminals (`LogStreams.showRun`). */
export function runnersBackend(context: CommandContext): RunnersBackend {
  const backend: RunnersBackend = {
    async load(ref, filter) {
      const { connection, permissions } = await connectProject(context, ref);
      const [{ project, environments }, branch] = await Promise.all([
        connection.request(GetProject, { projectId: ref.projectId }),
        defaultBranch(context, ref),
      ]);
      const [runs, playbooks] = await Promise.all([
        backend.runs(ref, filter),
        backend.playbooks(ref, branch),
      ]);
      return {
        access: accessViewOf(permissions),
        projectName: project.name,
        environments: environments.map((environment) => environment.type),
        playbooks,
        filter,
        runs,
      };
    },
    async runs(ref, filter: RunnerFilter) {
      const { connection } = await connectProject(context, ref);
      const { runs } = await connection.request(ListRunnerRuns, {
        projectId: ref.projectId,
        ...filter,
        limit: HISTORY_SIZE,
      });
      return runs.map(toRunnerRunView);
    },
    async playbooks(ref, branch): Promise<PlaybookList> {
      const { connection } = await connectProject(context, ref);
      try {
        const listed = await connection.request(ListPlaybooks, { projectId: ref.projectId, ref: branch });
        return { ref: branch, folder: listed.folder, playbooks: listed.playbooks, error: null };
      } catch (error) {
        // A branch without playbooks (or that does not exist) is a state of the form, not a failure.
        return { ref: branch, folder: '', playbooks: [], error: errorViewOf(error).message };
      }
    },
    async run(ref, request) {
      const { connection } = await connectProject(context, ref);
      const { run } = await connection.request(RunPlaybook, {
        projectId: ref.projectId,
        environmentType: request.environmentType,
        playbook: request.playbook,
        ref: request.ref,
        extraVars: extraVarsOf(request.extraVars),
      });
      context.logs.showRun(connection, run.id, `${run.playbook} on ${run.environmentType}`);
      return run.id;
    },
    async showLog(ref, runId) {
      const { connection } = await connectProject(context, ref);
      context.logs.showRun(connection, runId, `run ${runId}`);
    },
    async cancel(ref, runId) {
      const { connection } = await connectProject(context, ref);
      await connection.request(CancelJob, { jobId: runId });
    },
    watch(ref, onChange) {
      const connection = context.connections.get(ref.serverId);
      if (!connection) return new vscode.Disposable(() => undefined);
      return connection.onNotification(JobDidProgress, ({ job }) => {
        if (job.kind === 'runner' && job.projectId === ref.projectId) onChange();
      });
    },
  };
  return backend;
}
