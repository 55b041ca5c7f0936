import type { App } from '@paas/protocol';
import * as vscode from 'vscode';
import type { Connections } from '../client/connections';
import { matchByRemote, type GitRemote } from '../git/remoteUrl';
import { currentBranch } from '../git/workspaceRepo';
import type { Log } from '../log';
import type { ProjectsData } from '../views/projects/projectsData';
import { appHealth } from '../views/projects/projectTree';

const ICON = {
  healthy: 'pass-filled',
  warning: 'warning',
  error: 'error',
  inProgress: 'sync~spin',
  stopped: 'circle-slash',
};

/**
 * The current Git branch's app and its state. Click: deploy the branch. Hidden when the workspace
 * repository belongs to no project of a connected server.
 */
export class BranchStatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('paas.branch', vscode.StatusBarAlignment.Left, 9);
  private readonly subscriptions: vscode.Disposable[] = [];
  private repository: { branch: string; remotes: GitRemote[] } | undefined;

  constructor(
    private readonly connections: Connections,
    private readonly data: ProjectsData,
    private readonly log: Log,
  ) {
    this.item.name = 'PaaS.sh Branch App';
    this.item.command = 'paas.branch.deploy';
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (folder) {
      const head = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '.git/HEAD'));
      head.onDidChange(() => void this.readBranch(folder.uri.fsPath));
      this.subscriptions.push(head);
      void this.readBranch(folder.uri.fsPath);
    }
    this.subscriptions.push(data.onDidChange(() => this.update()));
  }

  /** The app the status bar shows, for tests and other commands. */
  app(): App | undefined {
    return this.lookup()?.app;
  }

  /** `undefined` when the workspace repository belongs to no project; else the branch's app, if any. */
  private lookup(): { app: App | undefined } | undefined {
    const repository = this.repository;
    if (!repository) return undefined;
    const projects = this.connections.all().flatMap((c) =>
      (this.data.snapshot(c.serverId)?.projects ?? []).map((project) => ({
        serverId: c.serverId,
        project,
      })),
    );
    const match = matchByRemote(projects, (p) => p.project.registry.url, repository.remotes);
    if (!match) return undefined;
    const apps = this.data.snapshot(match.item.serverId)?.apps.values() ?? [];
    const app = [...apps].find(
      (a) => a.projectId === match.item.project.id && a.branch === repository.branch && !a.disabled,
    );
    return { app };
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.item.dispose();
  }

  private async readBranch(dir: string): Promise<void> {
    try {
      this.repository = await currentBranch(dir);
    } catch (error) {
      this.log.debug(`reading the branch failed: ${(error as Error).message}`);
      this.repository = undefined;
    }
    this.update();
  }

  private update(): void {
    const found = this.lookup();
    if (!this.repository || !found) {
      this.item.hide();
      return;
    }
    const app = found.app;
    if (!app) {
      this.item.text = `$(cloud-upload) ${this.repository.branch}: no app`;
      this.item.tooltip = 'PaaS.sh: this branch has no app yet. Click to deploy it.';
    } else {
      this.item.text = `$(${ICON[appHealth(app)]}) ${app.name}: ${app.state}`;
      this.item.tooltip = `PaaS.sh: ${app.name} runs ${app.commitSha?.slice(0, 7) ?? 'nothing yet'} of ${app.branch}${app.url ? ` at ${app.url}` : ''}. Click to deploy the current branch.`;
    }
    this.item.show();
  }
}
