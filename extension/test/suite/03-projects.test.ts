import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { Core } from '../../src/extensionCore';
import { api, ensureTestProject, requireAgent, screenshot, waitFor } from './helpers';

describe('projects in the sidebar', function () {
  let core: Core;
  let project: { serverId: string; projectId: string; name: string };

  before(async () => {
    requireAgent();
    core = await (await api()).core();
    project = await ensureTestProject(core);
  });

  it('shows the project with its environments, coloured, with deployed/total counts', () => {
    const roots = core.projectsProvider.getChildren();
    const node = roots.find((n) => n.kind === 'project' && n.project.id === project.projectId);
    assert.ok(node, 'the project is in the Projects view');
    assert.match(String(core.projectsProvider.getTreeItem(node).contextValue), /^project\b/);
    const items = core.projectsProvider
      .getChildren(node)
      .filter((n) => n.kind === 'environment')
      .map((n) => core.projectsProvider.getTreeItem(n));
    assert.deepEqual(
      items.map((item) => [item.label, item.description]),
      [
        ['Staging', '0/0'],
        ['Development', '0/0'],
      ],
    );
    assert.match(String(items[0]!.contextValue), /^environment env:staging\b.*\bcan:app\.create\b/);
  });

  it('opens the Project Info webview for a project', async () => {
    const viewType = await vscode.commands.executeCommand('paas.project.showInfo', project);
    assert.equal(viewType, 'paas.projectInfo');
    const tab = await waitFor('the Project Info tab', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label === `${project.name} — Info`),
    );
    assert.ok(tab.input instanceof vscode.TabInputWebview);
    await screenshot('03-project-info', 'Staging');
  });
});
