import * as vscode from 'vscode';
import type { RepositoryState } from '../../git/workspaceRepo';
import { required } from '../command';

/**
 * Warns about what would make the deployed app differ from what the user sees: uncommitted changes
 * (they are not deployed) and a HEAD the remote does not have (the agent fetches from the remote;
 * offers to push first).
 */
export async function checkRepository(
  repository: RepositoryState,
  args: { allowDirty?: boolean; push?: boolean },
  push: (root: string, remote: string, branch: string) => Promise<void>,
): Promise<void> {
  if (repository.dirty && !args.allowDirty) {
    const deploy = 'Deploy Last Commit';
    required(
      await vscode.window.showWarningMessage(
        `${repository.branch} has uncommitted changes.`,
        { modal: true, detail: `Only committed work is deployed: ${repository.head.slice(0, 7)} as pushed.` },
        deploy,
      ),
    );
  }
  if (repository.remoteBranchesWithHead.length > 0) return;
  const remote = repository.remotes.find((r) => r.name === 'origin')?.name ?? repository.remotes[0]?.name;
  if (!remote) throw new Error('the repository has no remote to deploy from');
  if (args.push === false)
    throw new Error(`${repository.head.slice(0, 7)} is not on ${remote}: push it first`);
  if (args.push !== true) {
    const pushFirst = `Push to ${remote} and Deploy`;
    required(
      await vscode.window.showWarningMessage(
        `${repository.head.slice(0, 7)} is not on ${remote} yet.`,
        { modal: true, detail: 'The server deploys what the remote has. Push the branch first?' },
        pushFirst,
      ),
    );
  }
  await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: `PaaS.sh: pushing ${repository.branch} to ${remote}…`,
    },
    () => push(repository.root, remote, repository.branch),
  );
}
