import { strict as assert } from 'node:assert';
import type { App } from '@paas/protocol';
import * as vscode from 'vscode';
import type { Core } from '../../src/extensionCore';
import type { TracedMessage } from '../../src/webviews/index';
import {
  api,
  control,
  ensureTestProject,
  requireAgent,
  runningApp,
  screenshot,
  testEnv,
  waitFor,
} from './helpers';
import { allowDiagnostics } from './diagnostics';

type Project = { serverId: string; projectId: string; name: string };

const VIEW_TYPE = 'paas.dashboard';

/** A panel as VS Code creates one before handing it to the `paas.dashboard` serializer after a reload. */
function reloadedPanel(column = vscode.ViewColumn.Active): vscode.WebviewPanel {
  return vscode.window.createWebviewPanel(VIEW_TYPE, 'Project dashboard', column, { enableScripts: true });
}

/** Whether the panel was closed, asked later (disposal can be synchronous, so listen first). */
function disposal(panel: vscode.WebviewPanel): () => boolean {
  let disposed = false;
  panel.onDidDispose(() => (disposed = true));
  return () => disposed;
}

/** The editor tabs showing a dashboard (a webview tab's view type carries the panel's). */
function dashboardTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(VIEW_TYPE));
}

describe('the project dashboard restored after a window reload, on a real agent', function () {
  this.timeout(300_000);
  let core: Core;
  let project: Project;
  let app: App;
  const driven = (): boolean => Boolean(testEnv.controlUrl);

  const traced = (from: number, direction: 'in' | 'out', type: string): TracedMessage[] =>
    core.webviewTrace.messages
      .slice(from)
      .filter((m) => m.viewType === VIEW_TYPE && m.direction === direction && m.message.type === type);

  before(async () => {
    requireAgent();
    core = await (await api()).core();
    project = await ensureTestProject(core);
    app = await runningApp(core, project);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('reopens the project the saved state names, with its app cards, in a new panel', async () => {
    let from = core.webviewTrace.messages.length;
    await vscode.commands.executeCommand('paas.project.openDashboard', project);
    const opened = await waitFor('the dashboard model', () => traced(from, 'out', 'init')[0]);
    const shown = await waitFor(
      'the tab the dashboard shows',
      () => traced(from, 'in', 'selectEnvironment')[0],
    );
    // What the webview saves with setState (DashboardState in dashboard/ui/state.ts: the model it was sent
    // and its tab); the Chromium suite checks that a real page saves the ref this reads.
    const saved = {
      model: opened.message.model,
      environmentType: shown.message.environmentType,
      odooVersion: undefined,
      showDisabled: false,
      pending: {},
      appErrors: {},
    };

    // The original panel stays open beside the restored one until the restored one is up, so closing it
    // afterwards also checks that the restored panel keeps its place as the project's dashboard.
    from = core.webviewTrace.messages.length;
    const panel = reloadedPanel(vscode.ViewColumn.Two);
    core.restoreDashboard(panel, JSON.parse(JSON.stringify(saved)));
    await waitFor('the restored dashboard to say ready', () => traced(from, 'in', 'ready')[0]);
    const init = await waitFor('the restored dashboard model', () => traced(from, 'out', 'init')[0]);
    const model = init.message.model as { ref: Project; projectName: string; apps: { id: string }[] };
    assert.deepEqual(model.ref, { serverId: project.serverId, projectId: project.projectId });
    assert.equal(model.projectName, project.name);
    assert.ok(
      model.apps.some((a) => a.id === app.id),
      'the model holds the running app',
    );
    await waitFor(
      'the restored panel to take the project name',
      () => panel.title === `${project.name} — Dashboard`,
    );

    const original = dashboardTabs().filter((tab) => tab.group.viewColumn !== vscode.ViewColumn.Two);
    assert.equal(original.length, 1, 'the dashboard opened first is still open');
    await vscode.window.tabGroups.close(original);

    if (driven()) {
      // A panel VS Code creates for the serializer starts without the webview's state, so on its first tab.
      await control('/webview/click', {
        screen: 'dashboard',
        selector: `vscode-tab-header[data-environment="${app.environmentType}"]`,
      });
      const card = await control('/webview/query', {
        screen: 'dashboard',
        selector: `[data-app-id="${app.id}"]`,
      });
      const { data, text } = card as { data: Record<string, string>; text: string };
      assert.equal(data.state, 'running');
      assert.match(text, new RegExp(app.name));
      await screenshot('11-dashboard-restored');
    }

    // Hidden behind another editor, the restored panel shows again only if opening the project's
    // dashboard finds it (a second panel would open in front of it instead).
    await vscode.commands.executeCommand('workbench.action.files.newUntitledFile');
    await waitFor('the restored panel to be hidden', () => !panel.visible);
    await vscode.commands.executeCommand('paas.project.openDashboard', project);
    await waitFor('opening the dashboard again to reveal the restored panel', () => panel.visible);
    assert.equal(dashboardTabs().length, 1);
  });

  for (const [what, state] of [
    ['no state (closed before the webview saved one)', undefined],
    ['a state without a model (closed while loading)', { environmentType: 'staging', showDisabled: true }],
    ['a state whose project reference is malformed', { model: { ref: { serverId: '', projectId: 'a b' } } }],
  ] as const) {
    it(`closes the restored panel given ${what}`, async () => {
      const from = core.webviewTrace.messages.length;
      const panel = reloadedPanel();
      const disposed = disposal(panel);
      core.restoreDashboard(panel, state);
      assert.equal(disposed(), true, 'the panel was closed at once');
      assert.deepEqual(traced(from, 'in', 'ready'), [], 'no dashboard page was loaded');
    });
  }

  for (const [what, ref] of [
    ['a project the agent no longer has', () => ({ serverId: project.serverId, projectId: 'gone-project' })],
    [
      'a server the extension no longer knows',
      () => ({ serverId: 'gone-server', projectId: project.projectId }),
    ],
  ] as const) {
    it(`closes the restored panel, instead of spinning, for ${what}`, async () => {
      allowDiagnostics(/the project dashboard was closed/, /\[dashboard\]/);
      const from = core.webviewTrace.messages.length;
      const panel = reloadedPanel();
      const disposed = disposal(panel);
      core.restoreDashboard(panel, { model: { ref: ref() }, environmentType: 'production' });
      await waitFor('the page to ask for its model', () => traced(from, 'in', 'ready')[0]);
      await waitFor('the panel to close', disposed, 45_000);
      assert.deepEqual(traced(from, 'out', 'init'), [], 'no model was sent');
    });
  }
});
