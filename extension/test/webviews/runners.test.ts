import assert from 'node:assert/strict';
import { permissionsOf, type Role } from '@paas/protocol';
import {
  RunnersToExtensionSchema,
  type RunnerRunView,
  type RunnersModel,
} from '../../src/webviews/messages/runners';
import { accessViewOf } from '../../src/webviews/shared/access';
import type { WebviewPage } from './harness/page';
import { THEMES, documentScreen, overflowsHorizontally, webviewSuite } from './harness/suite';

function fixtureRun(id: string, patch: Partial<RunnerRunView> = {}): RunnerRunView {
  return {
    id,
    playbook: 'restart.yml',
    environmentType: 'staging',
    ref: 'main',
    commit: '0123456789ab',
    requestedBy: 'token:dan',
    state: 'succeeded',
    outcome: 'succeeded',
    createdAt: '2026-11-30T09:15:00.000Z',
    durationMs: 4200,
    error: null,
    extraVars: {},
    tasks: [
      { host: 'localhost', task: 'Gathering Facts', status: 'ok', changed: false, message: null },
      { host: 'localhost', task: 'restart odoo', status: 'changed', changed: true, message: null },
      { host: 'db-2', task: 'vacuum', status: 'skipped', changed: false, message: null },
    ],
    ...patch,
  };
}

function fixtureModel(role: Role, patch: Partial<RunnersModel> = {}): RunnersModel {
  return {
    access: accessViewOf(permissionsOf(role)),
    projectName: 'Acme ERP',
    environments: ['production', 'staging', 'development'],
    playbooks: {
      ref: 'main',
      folder: '.paas/runners',
      playbooks: [
        { path: 'restart.yml', description: 'Restarts the Odoo workers' },
        { path: 'db/vacuum.yml', description: null },
      ],
      error: null,
    },
    filter: {},
    runs: [
      fixtureRun('run-running', { state: 'running', outcome: null, durationMs: null, tasks: [] }),
      fixtureRun('run-ok'),
      fixtureRun('run-failed', {
        playbook: 'db/vacuum.yml',
        environmentType: 'production',
        state: 'failed',
        outcome: 'failed',
        error: 'ansible-playbook exited with 2: vacuum failed',
        tasks: [{ host: 'localhost', task: 'vacuum', status: 'failed', changed: false, message: 'boom' }],
      }),
    ],
    ...patch,
  };
}

async function choose(page: WebviewPage, path: string, value: string): Promise<void> {
  await page.page.evaluate(
    ([p, v]) => {
      const select = document.querySelector<HTMLSelectElement>(`[data-field="${p}"] vscode-single-select`)!;
      select.value = v!;
      select.dispatchEvent(new Event('change'));
    },
    [path, value],
  );
}

describe('webviews: runners', function () {
  this.timeout(30_000);
  const suite = webviewSuite();

  async function open(
    model: RunnersModel,
    options: { theme?: (typeof THEMES)[number]; width?: number } = {},
  ): Promise<WebviewPage> {
    const page = await suite.open('runners', options);
    await page.waitForPosted('ready');
    await page.send({ type: 'init', model });
    assert.deepEqual(await page.cspViolations(), []);
    return page;
  }

  it('lists runs newest first and shows the per-task results of the one chosen', async () => {
    const page = await open(fixtureModel('developer'));
    assert.equal(await page.page.locator('tr[data-run]').count(), 3);
    await page.page.locator('tr[data-run="run-failed"]').click();
    const tasks = page.page.locator('[data-tasks-of="run-failed"]');
    assert.match((await tasks.textContent()) ?? '', /vacuum failed/);
    assert.match((await tasks.locator('tr[data-task="vacuum"]').textContent()) ?? '', /failed\s+boom/);
    await page.page.locator('tr[data-run="run-ok"]').click();
    const counts = (await page.page.locator('[data-tasks-of="run-ok"] .counts').textContent()) ?? '';
    assert.match(counts, /ok=1\s+changed=1\s+skipped=1/);
  });

  it('filters the history by playbook and outcome with a typed query', async () => {
    const page = await open(fixtureModel('developer'));
    await choose(page, 'filter.playbook', 'db/vacuum.yml');
    await choose(page, 'filter.outcome', 'failed');
    await page.page.locator('vscode-button[data-apply]').click();
    const query = RunnersToExtensionSchema.parse(await page.waitForPosted('query'));
    assert.ok(query.type === 'query');
    assert.deepEqual(query.filter, { playbook: 'db/vacuum.yml', outcome: 'failed' });
    await page.send({ type: 'runs', filter: query.filter, runs: [] });
    await page.send({ type: 'requestDone', requestId: query.requestId });
    assert.match((await page.page.locator('table.runs tbody').textContent()) ?? '', /No runs yet/);
  });

  it('runs the chosen playbook with extra vars, and shows the agent refusal beside the form', async () => {
    const page = await open(fixtureModel('developer'));
    await choose(page, 'environmentType', 'development');
    await choose(page, 'playbook', 'db/vacuum.yml');
    await page.page.locator('vscode-button[data-add-var]').click();
    await page.page.locator('[data-field="extraVars.0.key"] vscode-textfield input').fill('table_name');
    await page.page.locator('[data-field="extraVars.0.value"] vscode-textfield input').fill('res_partner');
    await page.page.locator('vscode-button[data-run]').click();
    const run = RunnersToExtensionSchema.parse(await page.waitForPosted('run'));
    assert.ok(run.type === 'run');
    assert.deepEqual(run.run, {
      playbook: 'db/vacuum.yml',
      environmentType: 'development',
      ref: 'main',
      extraVars: [{ key: 'table_name', value: 'res_partner' }],
    });
    assert.equal(await page.page.locator('vscode-button[data-run]').getAttribute('disabled'), '');
    await page.send({
      type: 'requestDone',
      requestId: run.requestId,
      error: { code: -32014, codeName: 'Conflict', message: 'runners are off on this agent', issues: [] },
    });
    assert.match((await page.page.locator('.request-error').textContent()) ?? '', /runners are off/);
  });

  it('gates Run per environment: a developer cannot run in production, a viewer nowhere', async () => {
    const developer = await open(fixtureModel('developer'));
    await choose(developer, 'environmentType', 'production');
    const run = developer.page.locator('vscode-button[data-run]');
    assert.equal(await run.getAttribute('disabled'), '');
    assert.match((await run.getAttribute('title')) ?? '', /requires the Developer Plus role/);
    const viewer = await open(fixtureModel('viewer'));
    await choose(viewer, 'environmentType', 'development');
    assert.equal(await viewer.page.locator('vscode-button[data-run]').getAttribute('disabled'), '');
    assert.equal(await viewer.page.locator('tr[data-run]').count(), 3, 'a viewer still reads the history');
  });

  it('opens logs for any run and cancels only pending ones', async () => {
    const page = await open(fixtureModel('developer'));
    const cancelOf = (id: string) => page.page.locator(`tr[data-run="${id}"] button[data-action="cancel"]`);
    assert.equal(await cancelOf('run-ok').isDisabled(), true);
    await cancelOf('run-running').click();
    const cancel = RunnersToExtensionSchema.parse(await page.waitForPosted('cancel'));
    assert.ok(cancel.type === 'cancel' && cancel.runId === 'run-running');
    await page.page.locator('tr[data-run="run-ok"] button[data-action="log"]').click();
    const log = RunnersToExtensionSchema.parse(await page.waitForPosted('showLog'));
    assert.deepEqual(log, { type: 'showLog', runId: 'run-ok' });
  });

  it('says when a branch has no playbooks, and reads another branch on request', async () => {
    const page = await open(
      fixtureModel('developer', {
        playbooks: { ref: 'main', folder: '.paas/runners', playbooks: [], error: null },
        runs: [],
      }),
    );
    assert.match(
      (await page.page.locator('.playbooks-error').textContent()) ?? '',
      /No playbooks under \.paas\/runners on main/,
    );
    assert.equal(await page.page.locator('vscode-button[data-run]').getAttribute('disabled'), '');
    await page.page.locator('[data-field="ref"] vscode-textfield input').fill('feature/ops');
    await page.page.locator('vscode-button[data-load-playbooks]').click();
    const list = RunnersToExtensionSchema.parse(await page.waitForPosted('listPlaybooks'));
    assert.ok(list.type === 'listPlaybooks' && list.ref === 'feature/ops');
    await page.send({
      type: 'playbooks',
      playbooks: {
        ref: 'feature/ops',
        folder: '.paas/runners',
        playbooks: [{ path: 'ops.yml', description: null }],
        error: null,
      },
    });
    await page.send({ type: 'requestDone', requestId: list.requestId });
    assert.equal(await page.page.locator('.playbooks-error').count(), 0);
    assert.equal(await page.page.locator('vscode-button[data-run]').getAttribute('disabled'), null);
  });

  it('stays readable at 320 px', async () => {
    const page = await open(fixtureModel('developer'), { width: 320 });
    assert.equal(await overflowsHorizontally(page), false);
  });

  for (const theme of THEMES) {
    it(`renders in the ${theme} theme`, async () => {
      const page = await open(fixtureModel('developer'), { theme });
      await page.page.locator('tr[data-run="run-ok"]').click();
      await documentScreen(page, 'runners', theme);
    });
  }
});
