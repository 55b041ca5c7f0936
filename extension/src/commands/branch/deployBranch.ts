import { DeployApp, UpdateApp, type App, type EnvironmentType, type Job, type Project } from '@paas/protocol';
import * as vscode from 'vscode';
import { matchByRemote } from '../../git/remoteUrl';
import { pushBranch, readRepository, type RepositoryState } from '../../git/workspaceRepo';
import { required, type CommandContext, type Command } from '../command';
import { runAppJob } from '../app/runAppJob';
import { chooseEnvironment } from './chooseEnvironment';
import { checkRepository } from './checkRepository';

/** Arguments for scripts and tests; each one given skips its prompt. */
export interface DeployBranchArgs {
  /** The repository folder; defaults to the first workspace folder. */
  folder?: string;
  /** For a branch without an app: the environment to create it in. */
  environment?: EnvironmentType;
  /** Deploy despite uncommitted changes. */
  allowDirty?: boolean;
  /** Push HEAD first when the remote does not have it. */
  push?: boolean;
}

async function workspaceRepository(args: DeployBranchArgs): Promise<RepositoryState> {
  const folder = args.folder ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (!folder) throw new Error('open the folder of a Git repository first');
  const repository = await readRepository(folder);
  if (!repository) throw new Error(`${folder} is not a Git repository`);
  return repository;
}

function findProject(
  context: CommandContext,
  repository: RepositoryState,
): { serverId: string; project: Project } {
  const candidates = context.connections.all().flatMap((c) =>
    (context.data.snapshot(c.serverId)?.projects ?? []).map((project) => ({
      serverId: c.serverId,
      project,
    })),
  );
  const match = matchByRemote(candidates, (c) => c.project.registry.url, repository.remotes);
  if (!match)
    throw new Error(
      `no project on the connected servers uses this repository (${repository.remotes.map((r) => r.url).join(', ') || 'no remotes'})`,
    );
  return match.item;
}

/**
 * Deploys the workspace's current branch: finds the project whose registry is one of the repository's
 * remotes and the app for the branch (or creates one in an environment the user picks), warns about
 * uncommitted changes and unpushed commits (offering to push), then follows the job to its end.
 */
export const deployBranch: Command = {
  id: 'paas.branch.deploy',
  async run(context, rawArgs?: unknown): Promise<Job | undefined> {
    const args = (typeof rawArgs === 'object' && rawArgs !== null ? rawArgs : {}) as DeployBranchArgs;
    context.connections.start();
    await context.data.refresh();
    const repository = await workspaceRepository(args);
    const { serverId, project } = findProject(context, repository);
    const connection = context.connections.get(serverId)!;
    await checkRepository(repository, args, pushBranch);
    const snapshot = context.data.snapshot(serverId)!;
    const existing = [...snapshot.apps.values()].find(
      (app) => app.projectId === project.id && app.branch === repository.branch && !app.disabled,
    );
    let app: App;
    let jobId: string | null;
    if (existing) {
      const redeploy = existing.revision === 0 || existing.state === 'error' || existing.state === 'canceled';
      const result = redeploy
        ? await connection.request(DeployApp, { appId: existing.id })
        : await connection.request(UpdateApp, { appId: existing.id });
      app = result.app;
      jobId = result.jobId;
      if (jobId === null) {
        void vscode.window.showInformationMessage(
          `PaaS.sh: ${app.name} already runs ${repository.head.slice(0, 7)}.`,
        );
        return undefined;
      }
    } else {
      const environment = await chooseEnvironment(
        context,
        serverId,
        project,
        repository.branch,
        args.environment,
      );
      const result = await connection.request(DeployApp, {
        environmentId: environment.id,
        name: required(
          args.environment ? repository.branch.replace(/\//g, '-') : await askName(repository.branch),
        ),
        branch: repository.branch,
      });
      app = result.app;
      jobId = result.jobId;
    }
    return runAppJob({ serverId, connection, app }, jobId, `Deploying ${repository.branch} to`);
  },
};

function askName(branch: string): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: `PaaS.sh: new app for ${branch}`,
    prompt: 'The app name (unique in the project)',
    value: branch.replace(/\//g, '-'),
    validateInput: (value) => (value.trim() === '' ? 'enter a name' : undefined),
  });
}
