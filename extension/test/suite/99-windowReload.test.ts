import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { api, control, ensureTestProject, requireAgent, runningApp, testEnv, waitFor } from './helpers';
import type { ReloadHandover } from './99-windowReload.reloaded';

/**
 * The last suite: it leaves a dashboard open on a tab other than the default one and reloads the window;
 * 99-windowReload.reloaded.ts, run by the new extension host (see index.ts), checks what came back.
 */
describe('a window reload (before)', function () {
  this.timeout(300_000);

  it('leaves the dashboard of the project open on the tab of its running app, then reloads the window', async function () {
    if (!testEnv.controlUrl || !testEnv.handoverFile) this.skip();
    requireAgent();
    const core = await (await api()).core();
    const project = await ensureTestProject(core);
    const app = await runningApp(core, project);
    assert.notEqual(app.environmentType, 'production', 'the tab to restore is not the one a new page shows');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const from = core.webviewTrace.messages.length;
    await vscode.commands.executeCommand('paas.project.openDashboard', project);
    await control('/webview/click', {
      screen: 'dashboard',
      selector: `vscode-tab-header[data-environment="${app.environmentType}"]`,
    });
    await waitFor('the dashboard to show the app\u2019s environment', () =>
      core.webviewTrace.messages
        .slice(from)
        .some(
          (m) =>
            m.direction === 'in' &&
            m.message.type === 'selectEnvironment' &&
            m.message.environmentType === app.environmentType,
        ),
    );
    const handover: ReloadHandover = {
      project,
      app: { id: app.id, name: app.name, environmentType: app.environmentType },
    };
    writeFileSync(testEnv.handoverFile!, JSON.stringify(handover));
    await control('/reload');
    // As a user reloads: the workbench saves its editors (the webview's state with them) on the way out.
    // (The driver reloading the page instead loses them unless the workbench happened to save just before.)
    // The command is cancelled as this extension host goes; the test never ends, nothing may run after it.
    await vscode.commands.executeCommand('workbench.action.reloadWindow').then(undefined, () => undefined);
    await new Promise(() => undefined);
  });
});
