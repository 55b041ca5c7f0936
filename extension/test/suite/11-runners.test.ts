import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { Core } from '../../src/extensionCore';
import type { TracedMessage } from '../../src/webviews/index';
import type { RunnerRunView, RunnersModel } from '../../src/webviews/messages/runners';
import { api, control, ensureTestProject, requireAgent, screenshot, testEnv, waitFor } from './helpers';

type Project = { serverId: string; projectId: string; name: string };

/** What the driver reads of a webview element (scripts/src/vscode/webviewDom.ts). */
interface WebviewElement {
  count: number;
  text: string;
  disabled: boolean;
}

describe('runners: a playbook run from the Runners screen, on a real agent', function () {
  this.timeout(300_000);
  let core: Core;
  let project: Project;

  const traced = (from: number, direction: 'in' | 'out', type: string): TracedMessage[] =>
    core.webviewTrace.messages
      .slice(from)
      .filter((m) => m.viewType === 'paas.runners' && m.direction === direction && m.message.type === type);

  before(async () => {
    requireAgent();
    core = await (await api()).core();
    project = await ensureTestProject(core);
  });

  it('learns from initialize that the agent runs playbooks', async () => {
    const session = await core.connections.whenConnected(project.serverId);
    assert.equal(session.runners, true, 'the harness agent runs with runnersEnabled');
  });

  it('opens the Runners screen with the playbooks of the workspace repository', async () => {
    const from = core.webviewTrace.messages.length;
    const viewType = await vscode.commands.executeCommand('paas.project.openRunners', project);
    assert.equal(viewType, 'paas.runners');
    const init = await waitFor('the runners model', () => traced(from, 'out', 'init')[0]);
    const model = init.message.model as RunnersModel;
    assert.equal(model.playbooks.error, null);
    assert.deepEqual(
      model.playbooks.playbooks.map((p) => [p.path, p.description]),
      [['hello.yml', 'Greets the environment and lists its apps']],
    );
    assert.deepEqual([...model.environments].sort(), ['development', 'staging']);
  });

  it('runs the playbook with Run, follows its log in a terminal and shows its tasks', async function () {
    if (!testEnv.controlUrl) this.skip();
    const from = core.webviewTrace.messages.length;
    await control('/webview/click', { screen: 'runners', selector: 'vscode-button[data-run]' });
    const run = await waitFor('the screen to post its Run', () => traced(from, 'in', 'run')[0]);
    assert.deepEqual(run.message.run, {
      playbook: 'hello.yml',
      environmentType: 'development',
      ref: 'main',
      extraVars: [],
    });
    const done = await waitFor('the agent to accept the run', () =>
      traced(from, 'out', 'requestDone').find((m) => m.message.requestId === run.message.requestId),
    );
    assert.equal(done.message.error, undefined, JSON.stringify(done.message.error));
    const finished = await waitFor(
      'the run to end on the screen',
      () =>
        traced(from, 'out', 'runs')
          .flatMap((m) => m.message.runs as RunnerRunView[])
          .find((r) => r.playbook === 'hello.yml' && r.outcome !== null),
      180_000,
    );
    assert.equal(finished.outcome, 'succeeded', finished.error ?? '');
    assert.deepEqual(
      finished.tasks.map((t) => [t.host, t.task, t.status]),
      [
        ['localhost', 'greet', 'ok'],
        ['localhost', 'list apps', 'ok'],
      ],
    );
    assert.ok(
      vscode.window.terminals.some((t) => t.name === 'PaaS runner: hello.yml on development'),
      'the run’s log opened in a terminal',
    );
    const tasks = (await control('/webview/query', {
      screen: 'runners',
      selector: `[data-tasks-of="${finished.id}"] tr[data-task="greet"]`,
    })) as WebviewElement;
    assert.match(tasks.text, /localhost\s*greet\s*ok/);
    await screenshot('11-runners');
  });
});
