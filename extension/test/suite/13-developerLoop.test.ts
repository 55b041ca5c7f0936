import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { App, Job } from '@paas/protocol';
import * as vscode from 'vscode';
import type { Core } from '../../src/extensionCore';
import { api, ensureTestProject, requireAgent, runningApp, testEnv, waitFor } from './helpers';

/** The titles of the CodeLenses VS Code shows on a document. */
async function lensTitles(uri: vscode.Uri): Promise<string[]> {
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
    'vscode.executeCodeLensProvider',
    uri,
  );
  return lenses.map((lens) => lens.command?.title ?? '');
}

describe('developer loop: manifest lens and update dry-run', function () {
  this.timeout(300_000);
  let core: Core;
  let app: App;
  const workspace = (): string => vscode.workspace.workspaceFolders![0]!.uri.fsPath;
  const model = (): string => join(workspace(), 'paas_demo', '__init__.py');
  let modelBefore: string;

  before(async () => {
    requireAgent();
    core = await (await api()).core();
    const project = await ensureTestProject(core);
    app = await runningApp(core, project);
    assert.equal(app.branch, testEnv.branch);
    await core.refresh();
    await waitFor('the status bar to know the branch app', () => core.branchItem.app());
    modelBefore = readFileSync(model(), 'utf8');
  });

  after(async () => {
    writeFileSync(model(), modelBefore);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('warns when a module changed without a version bump, and says -u will run once bumped', async () => {
    writeFileSync(model(), `${modelBefore}\n# changed after the deployed commit\n`);
    const uri = vscode.Uri.file(join(workspace(), 'paas_demo', '__manifest__.py'));
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document);
    const warning = await waitFor('the unapplied-changes lens', async () =>
      (await lensTitles(uri)).find((title) => /will not be applied to the database/.test(title)),
    );
    assert.match(warning, /paas_demo\/__init__\.py|1 file\(s\) changed/);
    const text = document.getText();
    const version = /'version':\s*'([^']+)'/.exec(text);
    assert.ok(version, `a version in ${text}`);
    await editor.edit((edit) => {
      const start = document.positionAt(version.index);
      edit.replace(
        new vscode.Range(start, document.positionAt(version.index + version[0].length)),
        "'version': '9.9.9'",
      );
    });
    const bumped = await waitFor('the -u lens', async () =>
      (await lensTitles(uri)).find((title) => /-u will run/.test(title)),
    );
    assert.match(bumped, /→ 17\.0\.9\.9\.9/);
    assert.match(bumped, new RegExp(`${app.name} runs ${app.commitSha!.slice(0, 7)}`));
  });

  it('runs a dry-run update from the command palette and changes nothing', async () => {
    const job = await vscode.commands.executeCommand<Job | undefined>('paas.app.dryRunUpdate', {
      appId: app.id,
    });
    assert.equal(job?.kind, 'dryRun');
    assert.equal(job.state, 'succeeded', `${job.state} ${job.error?.message ?? ''}`);
    assert.match(
      job.steps.find((s) => s.name === 'moduleUpdate')?.summary ?? '',
      /nothing would be installed/,
    );
    const node = await waitFor('the dry run in the Jobs view', () =>
      core.jobsProvider.getChildren().find((n) => n.kind === 'job' && n.job.id === job.id),
    );
    assert.ok(node);
    await core.refresh();
    const now = [...core.projectsData.apps()].map((e) => e.app).find((a) => a.id === app.id);
    assert.equal(now?.commitSha, app.commitSha);
    assert.equal(now?.state, 'running');
  });
});
