import { strict as assert } from 'node:assert';
import { DeployApp, DestroyApp, GetJob, GetProject, ListJobs, type Job } from '@paas/protocol';
import * as vscode from 'vscode';
import type { AgentConnection } from '../../src/client/agentConnection';
import type { Core } from '../../src/extensionCore';
import type { TracedMessage } from '../../src/webviews/index';
import { api, control, ensureTestProject, requireAgent, screenshot, testEnv, waitFor } from './helpers';

type Project = { serverId: string; projectId: string; name: string };

/** The panel each menu entry opens. */
const VIEW_TYPES: Record<string, string> = {
  Overview: 'paas.dashboard',
  Backups: 'paas.backups',
  Queue: 'paas.queue',
  Workflows: 'paas.workflows',
  // The harness agent runs with runnersEnabled, so the capability shows the entry.
  Runners: 'paas.runners',
  Databases: 'paas.databases',
  Storages: 'paas.storages',
  'Project Info': 'paas.projectInfo',
  'Pricing & Plans': 'paas.pricing',
  Collaborators: 'paas.collaborators',
  'Audit Logs': 'paas.auditLog',
  Settings: 'paas.projectSettings',
};

describe('project menu: every screen from the Projects view; plan change; cancel a queued job', function () {
  this.timeout(420_000);
  let core: Core;
  let project: Project;
  let connection: AgentConnection;
  const made: { id: string; name: string }[] = [];
  const driven = (): boolean => Boolean(testEnv.controlUrl);

  const traced = (from: number, viewType: string, direction: 'in' | 'out', type: string): TracedMessage[] =>
    core.webviewTrace.messages
      .slice(from)
      .filter((m) => m.viewType === viewType && m.direction === direction && m.message.type === type);

  /** Waits for the answer to a webview request and fails on an error answer. */
  const answered = (from: number, viewType: string, requestId: unknown): Promise<TracedMessage> =>
    waitFor(`${viewType} to answer ${String(requestId)}`, () => {
      const done = traced(from, viewType, 'out', 'requestDone').find(
        (m) => m.message.requestId === requestId,
      );
      if (done) assert.equal(done.message.error, undefined, JSON.stringify(done.message.error));
      return done;
    });

  before(async () => {
    requireAgent();
    core = await (await api()).core();
    project = await ensureTestProject(core);
    connection = core.connections.get(project.serverId)!;
  });

  after(async () => {
    for (const app of made) {
      await waitFor(
        `${app.name}'s jobs to end`,
        async () => {
          const { jobs } = await connection.request(ListJobs, {
            projectId: project.projectId,
            appId: app.id,
            states: ['queued', 'running'],
            limit: 50,
          });
          return jobs.length === 0;
        },
        240_000,
      );
      await connection.request(DestroyApp, { appId: app.id, confirmName: app.name, skipFinalBackup: true });
    }
  });

  it("lists the seeds' menu under the project, and each entry opens its screen", async () => {
    const root = core.projectsProvider
      .getChildren()
      .find((n) => n.kind === 'project' && n.project.id === project.projectId);
    assert.ok(root, 'the project is in the Projects view');
    const entries = core.projectsProvider.getChildren(root).filter((n) => n.kind === 'menuEntry');
    const items = entries.map((n) => core.projectsProvider.getTreeItem(n));
    assert.deepEqual(
      items.map((i) => i.label),
      Object.keys(VIEW_TYPES),
    );
    for (const item of items) {
      const from = core.webviewTrace.messages.length;
      const command = item.command!;
      const viewType = await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
      assert.equal(viewType, VIEW_TYPES[String(item.label)], String(item.label));
      // Generous: webviews start slowly when code-server and Chromium share a loaded machine.
      await waitFor(
        `${String(item.label)} to say ready`,
        () => traced(from, String(viewType), 'in', 'ready')[0],
        90_000,
      );
    }
    await screenshot('09-project-menu');
  });

  it('changes the plan to Pro, billed annually, from Pricing & Plans', async function () {
    if (!driven()) this.skip();
    await vscode.commands.executeCommand('paas.project.openPricing', project);
    await waitFor('the pricing model', async () => {
      const card = (await control('/webview/query', {
        screen: 'pricing',
        selector: '[data-tier="pro"]',
      })) as {
        count: number;
      };
      return card.count === 1;
    });
    const from = core.webviewTrace.messages.length;
    await control('/webview/click', { screen: 'pricing', selector: 'vscode-radio[value="annual"]' });
    await control('/webview/click', { screen: 'pricing', selector: 'vscode-button[data-change="pro"]' });
    const change = await waitFor(
      'the Pricing screen to post changePlan',
      () => traced(from, 'paas.pricing', 'in', 'changePlan')[0],
    );
    assert.deepEqual(change.message.plan, { tier: 'pro', billing: 'annual' });
    await answered(from, 'paas.pricing', change.message.requestId);
    const { project: now } = await connection.request(GetProject, { projectId: project.projectId });
    assert.deepEqual(now.plan, { tier: 'pro', billing: 'annual' });
    await screenshot('09-pricing');
  });

  it('cancels a job queued behind others from the Queue, and Workflows shows it canceled', async function () {
    if (!driven()) this.skip();
    await vscode.commands.executeCommand('paas.project.openWorkflows', project);
    await vscode.commands.executeCommand('paas.project.openQueue', project);
    const from = core.webviewTrace.messages.length;
    const { environments } = await connection.request(GetProject, { projectId: project.projectId });
    const development = environments.find((e) => e.type === 'development')!;
    // The agent runs two jobs at once (maxConcurrentJobs): the third deploy waits in the queue.
    for (const suffix of ['a', 'b', 'c']) {
      const { app } = await connection.request(DeployApp, {
        environmentId: development.id,
        name: `queue-${suffix}-${Date.now().toString(36)}`,
        branch: testEnv.branch,
      });
      made.push({ id: app.id, name: app.name });
    }
    const queued = await waitFor('a queued deploy', async () => {
      const { jobs } = await connection.request(ListJobs, {
        projectId: project.projectId,
        states: ['queued'],
        limit: 50,
      });
      return jobs.find((j) => made.some((a) => a.id === j.appId));
    });
    await waitFor('the Queue to show it', async () => {
      const row = (await control('/webview/query', {
        screen: 'queue',
        selector: `vscode-button[data-cancel="${queued.id}"]`,
      })) as { count: number; disabled: boolean };
      return row.count === 1 && !row.disabled;
    });
    await screenshot('09-queue');
    await control('/webview/click', {
      screen: 'queue',
      selector: `vscode-button[data-cancel="${queued.id}"]`,
    });
    const cancel = await waitFor(
      'the Queue to post cancel',
      () => traced(from, 'paas.queue', 'in', 'cancel')[0],
    );
    assert.equal(cancel.message.jobId, queued.id);
    await answered(from, 'paas.queue', cancel.message.requestId);
    const { job } = (await connection.request(GetJob, { jobId: queued.id })) as { job: Job };
    assert.equal(job.state, 'canceled');
    // The driver answers only for elements that exist: the row's going shows as the canceled job the
    // Queue was told about, which its state drops.
    await waitFor('the Queue to be told the job ended', () =>
      traced(from, 'paas.queue', 'out', 'job').find(
        (m) =>
          (m.message.job as { id: string; state: string }).id === queued.id &&
          (m.message.job as { state: string }).state === 'canceled',
      ),
    );
    // Workflows sits hidden behind the Queue (a hidden webview is discarded); shown again, it reads the
    // history afresh, with the canceled deploy on top.
    const shown = core.webviewTrace.messages.length;
    await vscode.commands.executeCommand('paas.project.openWorkflows', project);
    await waitFor('Workflows to list it, canceled', () =>
      traced(shown, 'paas.workflows', 'out', 'init').find((m) => {
        const jobs = (m.message.model as { page: { jobs: { id: string; state: string }[] } }).page.jobs;
        return jobs.some((j) => j.id === queued.id && j.state === 'canceled');
      }),
    );
    await screenshot('09-workflows');
  });
});
