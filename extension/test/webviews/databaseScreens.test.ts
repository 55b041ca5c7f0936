import assert from 'node:assert/strict';
import { DatabasesToExtensionSchema } from '../../src/webviews/messages/databases';
import { StoragesToExtensionSchema } from '../../src/webviews/messages/storages';
import { fixtureDatabases, fixtureStorages } from './fixtures/databaseScreens';
import type { WebviewPage } from './harness/page';
import { THEMES, documentScreen, overflowsHorizontally, webviewSuite } from './harness/suite';

const LOAD_ERROR = {
  type: 'loadFailed',
  error: { code: -32014, codeName: 'Unavailable', message: 'the agent is not connected', issues: [] },
};

describe('webviews: databases and storages screens', function () {
  this.timeout(30_000);
  const suite = webviewSuite();

  async function open(
    screen: string,
    init?: unknown,
    options: { theme?: (typeof THEMES)[number]; width?: number } = {},
  ): Promise<WebviewPage> {
    const page = await suite.open(screen, options);
    await page.waitForPosted('ready');
    if (init) await page.send(init);
    assert.deepEqual(await page.cspViolations(), []);
    return page;
  }
  const text = async (page: WebviewPage, selector: string): Promise<string> =>
    ((await page.page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();

  describe('databases', () => {
    const init = (role: 'admin' | 'developer' | 'viewer' = 'admin', extra = 0) => ({
      type: 'init',
      model: fixtureDatabases(role, extra),
    });

    it('says it is loading until the model comes, then lists servers and databases with sizes', async () => {
      const page = await open('databases');
      assert.match(await text(page, '[role="status"]'), /Loading databases/);
      await page.send(init());
      assert.equal(await text(page, 'h1'), 'Acme ERP — Databases');
      assert.match(await text(page, '[data-server="s2"]'), /ECONNREFUSED/);
      assert.match(await text(page, '[data-database="s1/acme_app1"]'), /acme_app1 app-1 production 47 MB/);
      assert.match(await text(page, '[data-database="s1/acme_app2_copy_m1"]'), /copy/);
    });

    it('shows why it could not load, and refreshes on request', async () => {
      const page = await open('databases', LOAD_ERROR);
      assert.match(await text(page, '.load-error'), /Could not load: the agent is not connected/);
      await page.page.locator('vscode-button[data-refresh]').click();
      await page.waitForPosted('refresh');
      await page.send(init());
      assert.equal(await page.page.locator('.load-error').count(), 0);
    });

    it('says so when the project has no database', async () => {
      const page = await open('databases', {
        type: 'init',
        model: { ...fixtureDatabases(), servers: [], databases: [] },
      });
      assert.match(await text(page, 'main, body'), /No app of this project has a database yet/);
    });

    it('drops a copy only once its name is typed, and never an app’s own database', async () => {
      const page = await open('databases', init('admin'));
      const own = page.page.locator('[data-database="s1/acme_app2"] [data-action="drop"]');
      assert.equal(await own.isDisabled(), true);
      assert.match((await own.getAttribute('title')) ?? '', /goes only with the app/);
      await page.page.locator('[data-database="s1/acme_app2_copy_m1"] [data-action="drop"]').click();
      const confirm = page.page.locator('[data-form="drop"] vscode-button[data-confirm]');
      assert.equal(await confirm.getAttribute('disabled'), '');
      await page.page.locator('[data-form="drop"] vscode-textfield input').fill('acme_app2_copy');
      assert.equal(await confirm.getAttribute('disabled'), '', 'a partial name does not confirm');
      await page.page.locator('[data-form="drop"] vscode-textfield input').fill('acme_app2_copy_m1');
      await confirm.click();
      const drop = DatabasesToExtensionSchema.parse(await page.waitForPosted('drop'));
      assert.ok(drop.type === 'drop');
      assert.deepEqual(
        [drop.serverId, drop.name, drop.confirmName],
        ['s1', 'acme_app2_copy_m1', 'acme_app2_copy_m1'],
      );
      await page.send({ type: 'requestDone', requestId: drop.requestId });
      assert.equal(await page.page.locator('[data-form]').count(), 0, 'the form closes once done');
    });

    it('duplicates under a name starting with the app’s database, and shows the agent’s refusal', async () => {
      const page = await open('databases', init('developer'));
      await page.page.locator('[data-database="s1/acme_app3"] [data-action="duplicate"]').click();
      await page.page.locator('[data-form="duplicate"] vscode-button[data-confirm]').click();
      const copy = DatabasesToExtensionSchema.parse(await page.waitForPosted('duplicate'));
      assert.ok(copy.type === 'duplicate');
      assert.equal(copy.source, 'acme_app3');
      assert.match(copy.target, /^acme_app3_copy_[a-z0-9]+$/);
      await page.send({
        type: 'requestDone',
        requestId: copy.requestId,
        error: { code: -32011, codeName: 'Conflict', message: 'the database exists', issues: [] },
      });
      assert.match(await text(page, '.request-error'), /the database exists/);
      assert.equal(await page.page.locator('[data-form="duplicate"]').count(), 1, 'the form stays open');
    });

    it('gates duplicate and drop by the role in each environment', async () => {
      const developer = await open('databases', init('developer'));
      const prodCopy = developer.page.locator('[data-database="s1/acme_app1"] [data-action="duplicate"]');
      assert.equal(await prodCopy.isDisabled(), true, 'a developer backs up no production app');
      assert.match((await prodCopy.getAttribute('title')) ?? '', /requires the/);
      const devCopy = developer.page.locator('[data-database="s1/acme_app3"] [data-action="duplicate"]');
      assert.equal(await devCopy.isDisabled(), false);
      const copyDrop = developer.page.locator('[data-database="s1/acme_app2_copy_m1"] [data-action="drop"]');
      assert.equal(await copyDrop.isDisabled(), true, 'dropping is the Admin’s');
      const viewer = await open('databases', init('viewer'));
      assert.equal(await viewer.page.locator('[data-action]:not([disabled])').count(), 0);
    });

    it('lists many databases without scrolling sideways at 320 px', async () => {
      const page = await open('databases', init('admin', 200), { width: 320 });
      assert.equal(await page.page.locator('tr[data-database]').count(), 204);
      assert.equal(await overflowsHorizontally(page), false);
    });

    for (const theme of THEMES) {
      it(`renders in the ${theme} theme`, async () =>
        documentScreen(await open('databases', init('admin'), { theme }), 'databases', theme));
    }
  });

  describe('storages', () => {
    const init = (role: 'admin' | 'developer' = 'admin', extra = 0) => ({
      type: 'init',
      model: fixtureStorages(role, extra),
    });

    it('says it is loading, then where the project’s backups go and what each storage holds', async () => {
      const page = await open('storages');
      assert.match(await text(page, '[role="status"]'), /Loading storages/);
      await page.send(init());
      assert.equal(await text(page, 'h1'), 'Acme ERP — Storages');
      assert.match(await text(page, '[data-current-storage]'), /New backups of this project go to Local/);
      assert.match(await text(page, '[data-storage="st0"]'), /12 backups · 8.8 GB 5 backups · 3.4 GB/);
      assert.match(await text(page, '[data-storage="st1"]'), /SFTP · backup@box1\.example\.com:22:paas/);
    });

    it('shows why it could not load', async () => {
      const page = await open('storages', LOAD_ERROR);
      assert.match(await text(page, '.load-error'), /the agent is not connected/);
    });

    it('says so when the agent lists no storage', async () => {
      const page = await open('storages', { type: 'init', model: { ...fixtureStorages(), storages: [] } });
      assert.match(await text(page, 'body'), /The agent lists no storages/);
    });

    it('tests a connection and shows the outcome on its row', async () => {
      const page = await open('storages', init());
      await page.page.locator('[data-storage="st1"] [data-action="test"]').click();
      const test = StoragesToExtensionSchema.parse(await page.waitForPosted('test'));
      assert.ok(test.type === 'test' && test.storageId === 'st1');
      assert.match(await text(page, '[data-storage="st1"] [data-test-result]'), /Testing/);
      await page.send({
        type: 'testResult',
        result: { storageId: 'st1', ok: false, message: 'cannot reach SFTP storage box1.example.com:22' },
      });
      await page.send({ type: 'requestDone', requestId: test.requestId });
      assert.match(
        await text(page, '[data-storage="st1"] [data-test-result="failed"]'),
        /cannot reach SFTP storage/,
      );
    });

    it('assigns a storage to the project; the current one cannot be assigned again', async () => {
      const page = await open('storages', init());
      assert.equal(await page.page.locator('[data-storage="st0"] [data-action="assign"]').isDisabled(), true);
      await page.page.locator('[data-storage="st2"] [data-action="assign"]').click();
      const assign = StoragesToExtensionSchema.parse(await page.waitForPosted('assign'));
      assert.ok(assign.type === 'assign' && assign.storageId === 'st2');
    });

    it('disables test and assign below the project Admin, saying which role would do', async () => {
      const page = await open('storages', init('developer'));
      const button = page.page.locator('[data-storage="st1"] [data-action="test"]');
      assert.equal(await button.isDisabled(), true);
      assert.match((await button.getAttribute('title')) ?? '', /requires the Admin role/);
    });

    it('lists many storages without scrolling sideways at 320 px', async () => {
      const page = await open('storages', init('admin', 100), { width: 320 });
      assert.equal(await page.page.locator('tr[data-storage]').count(), 103);
      assert.equal(await overflowsHorizontally(page), false);
    });

    for (const theme of THEMES) {
      it(`renders in the ${theme} theme`, async () =>
        documentScreen(await open('storages', init('admin'), { theme }), 'storages', theme));
    }
  });
});
