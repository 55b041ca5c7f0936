import { strict as assert } from 'node:assert';
import { DeployApp, GetApp, GetProject, type App } from '@paas/protocol';
import * as vscode from 'vscode';
import type { AgentConnection } from '../../src/client/agentConnection';
import type { Core } from '../../src/extensionCore';
import type { TracedMessage } from '../../src/webviews/index';
import { api, control, ensureTestProject, requireAgent, screenshot, testEnv, waitFor } from './helpers';

type Project = { serverId: string; projectId: string; name: string };

/** What the driver reads of a webview element (scripts/src/vscode/webviewDom.ts). */
interface WebviewElement {
  count: number;
  text: string;
  data: Record<string, string>;
  disabled: boolean;
}

/** Reads an element of a webview through the driver, which reaches into the workbench's iframes. */
async function query(screen: string, selector: string): Promise<WebviewElement> {
  return (await control('/webview/query', { screen, selector })) as WebviewElement;
}

describe('project screens as webviews, on a real agent', function () {
  this.timeout(300_000);
  let core: Core;
  let project: Project;
  let connection: AgentConnection;
  let app: App;
  const driven = (): boolean => Boolean(testEnv.controlUrl);

  /** Messages traced since `from`, of one panel type, direction and message type. */
  const traced = (from: number, viewType: string, direction: 'in' | 'out', type: string): TracedMessage[] =>
    core.webviewTrace.messages
      .slice(from)
      .filter((m) => m.viewType === viewType && m.direction === direction && m.message.type === type);

  before(async () => {
    requireAgent();
    core = await (await api()).core();
    project = await ensureTestProject(core);
    connection = core.connections.get(project.serverId)!;
    const { environments } = await connection.request(GetProject, { projectId: project.projectId });
    const development = environments.find((e) => e.type === 'development')!;
    const created = await connection.request(DeployApp, {
      environmentId: development.id,
      name: `dashboard-${Date.now().toString(36)}`,
      branch: testEnv.branch,
    });
    app = await waitFor(
      'the dashboard test app to run',
      async () => {
        const { app: current } = await connection.request(GetApp, { appId: created.app.id });
        assert.notEqual(current.state, 'error', current.lastError?.message);
        return current.state === 'running' && current;
      },
      180_000,
    );
  });

  it('opens the dashboard of the project with its environments and the app card', async () => {
    const from = core.webviewTrace.messages.length;
    const viewType = await vscode.commands.executeCommand('paas.project.openDashboard', project);
    assert.equal(viewType, 'paas.dashboard');
    await waitFor('the dashboard to say ready', () => traced(from, 'paas.dashboard', 'in', 'ready')[0]);
    const init = await waitFor('the dashboard model', () => traced(from, 'paas.dashboard', 'out', 'init')[0]);
    const model = init.message.model as {
      ref: Project;
      environments: { type: string }[];
      apps: { id: string; state: string }[];
    };
    assert.equal(model.ref.projectId, project.projectId);
    assert.deepEqual(model.environments.map((e) => e.type).sort(), ['development', 'staging']);
    assert.equal(model.apps.find((a) => a.id === app.id)?.state, 'running');
    if (!driven()) return;
    await control('/webview/click', {
      screen: 'dashboard',
      selector: 'vscode-tab-header[data-environment="development"]',
    });
    const card = await query('dashboard', `[data-app-id="${app.id}"]`);
    assert.equal(card.data.state, 'running');
    assert.match(card.text, new RegExp(app.name));
    await screenshot('07-dashboard');
  });

  it('deploys from the app card and shows the card going through the job back to running, live', async function () {
    if (!driven()) this.skip();
    const from = core.webviewTrace.messages.length;
    await control('/webview/click', {
      screen: 'dashboard',
      selector: `[data-app-id="${app.id}"] [data-action="deploy"]`,
    });
    const action = await waitFor('the card to post its Deploy', () =>
      traced(from, 'paas.dashboard', 'in', 'appAction').find((m) => m.message.appId === app.id),
    );
    assert.equal(action.message.action, 'deploy');
    const done = await waitFor('the agent to accept the deploy', () =>
      traced(from, 'paas.dashboard', 'out', 'requestDone').find(
        (m) => m.message.requestId === action.message.requestId,
      ),
    );
    assert.equal(done.message.error, undefined, JSON.stringify(done.message.error));
    const states = (): string[] =>
      traced(from, 'paas.dashboard', 'out', 'appChanged')
        .map((m) => m.message.app as { id: string; state: string })
        .filter((a) => a.id === app.id)
        .map((a) => a.state);
    await waitFor('the card to leave running', () => states().some((s) => s !== 'running'), 60_000);
    await waitFor(
      'the card to be running again',
      () => {
        const seen = states();
        assert.ok(!seen.includes('error'), `the deploy failed: ${seen.join(' → ')}`);
        return seen.at(-1) === 'running';
      },
      180_000,
    );
    await waitFor('the card in the page to show running', async () => {
      const card = await query('dashboard', `[data-app-id="${app.id}"]`);
      return card.data.state === 'running';
    });
    await screenshot('08-dashboard-redeployed');
  });

  const SCREENS: readonly { command: string; viewType: string; screen: string; marker: string }[] = [
    {
      command: 'paas.project.showInfo',
      viewType: 'paas.projectInfo',
      screen: 'projectInfo',
      marker: '[data-tab="general"]',
    },
    {
      command: 'paas.project.collaborators',
      viewType: 'paas.collaborators',
      screen: 'collaborators',
      marker: '[data-collaborator]',
    },
    {
      command: 'paas.project.auditLog',
      viewType: 'paas.auditLog',
      screen: 'auditLog',
      marker: '[data-entry]',
    },
    {
      command: 'paas.project.backups',
      viewType: 'paas.backups',
      screen: 'backups',
      marker: '[data-refresh]',
    },
    {
      command: 'paas.project.settings',
      viewType: 'paas.projectSettings',
      screen: 'settings',
      marker: '[data-delete-project]',
    },
  ];
  for (const { command, viewType, screen, marker } of SCREENS) {
    it(`opens ${command} and renders it from the agent's data`, async () => {
      const from = core.webviewTrace.messages.length;
      assert.equal(await vscode.commands.executeCommand(command, project), viewType);
      await waitFor(`${screen} to say ready`, () => traced(from, viewType, 'in', 'ready')[0]);
      await waitFor(`${screen}'s model`, () => traced(from, viewType, 'out', 'init')[0]);
      if (!driven()) return;
      assert.ok((await query(screen, marker)).count > 0, `${screen} shows ${marker}`);
      await screenshot(`09-${screen}`);
    });
  }

  it('opens project creation with the agent\u2019s plans', async () => {
    const from = core.webviewTrace.messages.length;
    assert.equal(
      await vscode.commands.executeCommand('paas.project.create', { serverId: project.serverId }),
      'paas.createProject',
    );
    const init = await waitFor('the plans', () => traced(from, 'paas.createProject', 'out', 'init')[0]);
    const plans = (init.message.model as { plans: { tier: string }[] }).plans.map((p) => p.tier);
    assert.deepEqual(plans, ['free', 'essential', 'pro', 'premium']);
    if (!driven()) return;
    assert.equal((await query('createProject', '.plan')).count, 4);
    await screenshot('10-create-project');
  });
});
