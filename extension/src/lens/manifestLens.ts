import { dirname, posix } from 'node:path';
import * as vscode from 'vscode';
import { changedSince, fileAt, hasCommit, locateModule } from '../git/moduleHistory';
import type { Log } from '../log';
import type { BranchStatusItem } from '../statusBar/branchItem';
import type { ProjectsData } from '../views/projects/projectsData';
import { manifestVerdict, type ManifestVerdict } from './manifestVerdict';

/**
 * A CodeLens on every `__manifest__.py`: whether the next update of the current branch's app runs `-u` for
 * the module (its version differs from the deployed commit's), and a warning when the module's files
 * changed since that commit but its version did not. Git is read through simple-git; the manifest with
 * the parser the agent uses (@paas/protocol's manifest reader).
 */
export class ManifestLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changes = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changes.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly branch: BranchStatusItem,
    data: ProjectsData,
    private readonly log: Log,
  ) {
    this.subscriptions = [
      this.changes,
      data.onDidChange(() => this.changes.fire()),
      vscode.workspace.onDidSaveTextDocument(() => this.changes.fire()),
      vscode.languages.registerCodeLensProvider({ pattern: '**/__manifest__.py' }, this),
    ];
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    try {
      const verdict = await this.verdict(document);
      if (!verdict) return [];
      const command = { title: verdict.title, tooltip: verdict.tooltip, command: '' };
      return [new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), command)];
    } catch (error) {
      this.log.debug(`manifest lens: ${(error as Error).message}`);
      return [];
    }
  }

  /** `undefined` when the branch has no deployed app or the file is in no repository. */
  private async verdict(document: vscode.TextDocument): Promise<ManifestVerdict | undefined> {
    const app = this.branch.app();
    if (!app?.commitSha) return undefined;
    const module = await locateModule(dirname(document.uri.fsPath));
    if (!module) return undefined;
    const commit = app.commitSha;
    if (!(await hasCommit(module.root, commit))) {
      return {
        kind: 'unchanged',
        title: `$(info) ${app.name} runs ${commit.slice(0, 7)}, which this repository has not fetched`,
        tooltip: 'Fetch the branch to compare this module with the deployed commit.',
      };
    }
    const manifestPath = posix.join(module.path, '__manifest__.py');
    const [deployed, changed] = await Promise.all([
      fileAt(module.root, commit, manifestPath),
      changedSince(module, commit),
    ]);
    return manifestVerdict({
      current: document.getText(),
      deployed,
      serie: app.odooVersion,
      changed,
      app: { name: app.name, environmentType: app.environmentType, commitSha: commit },
    });
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
