import { GetProject, JobDidProgress, ListApps, type Job } from '@paas/protocol';
import * as vscode from 'vscode';
import type { AgentConnection } from '../../client/agentConnection';
import type { CommandContext } from '../../commands/command';
import type { JobView } from '../messages/jobView';
import { toJobView, type JobNames } from './jobMapping';
import type { ProjectKey } from './panels';
import { connectProject } from './projectConnection';

/** The project's name and what its job ids stand for (`projects/get`, `apps/list` with disabled apps). */
export async function projectJobNames(
  connection: AgentConnection,
  projectId: string,
): Promise<{ projectName: string; names: JobNames; apps: { id: string; name: string }[] }> {
  const [{ project, environments }, { apps }] = await Promise.all([
    connection.request(GetProject, { projectId }),
    connection.request(ListApps, { projectId, includeDisabled: true }),
  ]);
  return {
    projectName: project.name,
    names: {
      apps: new Map(apps.map((a) => [a.id, a.name])),
      environments: new Map(environments.map((e) => [e.id, e.type])),
    },
    apps: apps.map((a) => ({ id: a.id, name: a.name })).sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/**
 * Streams the project's `jobs/didProgress` as job views until disposed; names are read again when a job
 * names an app or environment made since.
 */
export function watchProjectJobs(
  context: CommandContext,
  ref: ProjectKey,
  sink: (job: JobView) => void,
): vscode.Disposable {
  let disposed = false;
  let subscription: vscode.Disposable | undefined;
  const warn = (error: unknown): void =>
    context.log.warn(`[jobs] watching ${ref.projectId}: ${String(error)}`);
  void connectProject(context, ref).then(({ connection }) => {
    if (disposed) return;
    let names: Promise<JobNames> | undefined;
    const namesFor = (job: Job): Promise<JobNames> => {
      const known = (n: JobNames): boolean =>
        n.environments.has(job.environmentId) && (job.kind === 'runner' || n.apps.has(job.appId));
      const read = (): Promise<JobNames> => projectJobNames(connection, ref.projectId).then((r) => r.names);
      names = (names ?? read()).then((n) => (known(n) ? n : read()));
      return names;
    };
    subscription = connection.onNotification(JobDidProgress, ({ job }) => {
      if (job.projectId !== ref.projectId) return;
      namesFor(job).then((n) => {
        if (!disposed) sink(toJobView(job, n));
      }, warn);
    });
  }, warn);
  return new vscode.Disposable(() => {
    disposed = true;
    subscription?.dispose();
  });
}
