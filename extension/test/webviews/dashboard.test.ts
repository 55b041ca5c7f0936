import assert from 'node:assert/strict';
import { DashboardToExtensionSchema, projectRefOfState } from '../../src/webviews/messages/dashboard';
import { fixtureApp, fixtureDashboard, fixtureServer } from './fixtures/dashboard';
import { THEMES, documentScreen, overflowsHorizontally, screenshot, webviewSuite } from './harness/suite';
import type { WebviewPage } from './harness/page';

async function openDashboard(
  suite: ReturnType<typeof webviewSuite>,
  options: Parameters<ReturnType<typeof webviewSuite>['open']>[1] = {},
  apps = 12,
  role: Parameters<typeof fixtureDashboard>[1] = 'developer',
): Promise<WebviewPage> {
  const page = await suite.open('dashboard', options);
  await page.waitForPosted('ready');
  await page.send({ type: 'init', model: fixtureDashboard(apps, role) });
  return page;
}

/** Every posted message must match the contract the extension validates with. */
async function postedMessages(
  page: WebviewPage,
): Promise<ReturnType<typeof DashboardToExtensionSchema.parse>[]> {
  return (await page.posted()).map((m) => DashboardToExtensionSchema.parse(m));
}

describe('webviews: project dashboard', function () {
  this.timeout(30_000);
  const suite = webviewSuite();

  it('posts ready first and renders 200 apps without CSP violations', async () => {
    const page = await openDashboard(suite, {}, 200);
    const posted = await postedMessages(page);
    assert.equal(posted[0]?.type, 'ready');
    // 200 apps rotate over 3 environments; production shows its enabled ones.
    const expected = fixtureDashboard(200).apps.filter(
      (a) => a.environmentType === 'production' && !a.disabled,
    ).length;
    assert.equal(await page.page.locator('.app-card').count(), expected);
    assert.deepEqual(await page.cspViolations(), []);
  });

  it('shows environment tabs with deployed/total badges and the server card', async () => {
    const page = await openDashboard(suite);
    const tab = page.page.locator('vscode-tab-header[data-environment="staging"]');
    assert.equal(await tab.locator('vscode-badge.deployed').textContent(), '1');
    assert.equal(await tab.locator('vscode-badge.total').textContent(), '4');
    const card = page.page.locator('.server-card');
    const text = ((await card.textContent()) ?? '').replace(/\s+/g, ' ');
    assert.match(text, /203\.0\.113\.10/);
    assert.match(text, /20% of 8 cores/);
    assert.match(text, /11 GB \/ 32 GB/);
    // df's Use%: 212 / (212 + 244); the 24 GB reserved for root are neither used nor available.
    assert.match(text, /212 GB \/ 480 GB \(46%\)/);
    assert.match(text, /244 GB available/);
    assert.equal(await card.locator('progress').count(), 2);
    assert.equal(await card.locator('svg.sparkline polyline').count(), 1);
  });

  it('updates the server card and a card state live', async () => {
    const page = await openDashboard(suite);
    await page.send({ type: 'serverSample', environmentType: 'production', server: fixtureServer(91) });
    assert.equal(await page.page.locator('.cpu-percent').textContent(), '91%');
    await page.send({
      type: 'appChanged',
      app: fixtureApp(0, { state: 'running', url: 'https://main.example.com' }),
    });
    assert.equal(await page.page.locator('[data-app-id="app0000"]').getAttribute('data-state'), 'running');
    const queue = page.page.locator('[data-app-id="app0000"] [data-queue-runner]');
    assert.equal(await queue.count(), 0, 'no runner seen, no queue tag');
    await page.send({ type: 'appChanged', app: fixtureApp(0, { state: 'running', queueRunner: 'failing' }) });
    assert.equal(await queue.getAttribute('data-queue-runner'), 'failing');
    assert.match((await queue.textContent()) ?? '', /queue failing/);
  });

  it('posts typed card actions and shows their errors on the card', async () => {
    const page = await openDashboard(suite);
    await page.page.locator('vscode-tab-header[data-environment="development"]').click();
    const card = page.page.locator('[data-app-id="app0002"]');
    await card.locator('[data-action="deploy"]').click();
    const posted = await postedMessages(page);
    const deploy = posted.find((m) => m.type === 'appAction');
    assert.ok(deploy && deploy.type === 'appAction');
    assert.equal(deploy.appId, 'app0002');
    assert.equal(deploy.action, 'deploy');
    assert.ok(posted.some((m) => m.type === 'selectEnvironment' && m.environmentType === 'development'));
    await page.send({
      type: 'requestDone',
      requestId: deploy.requestId,
      error: { code: -32014, codeName: 'Conflict', message: 'The app is busy with another job.', issues: [] },
    });
    assert.match((await card.locator('.app-error').textContent()) ?? '', /busy/);
    await card.locator('[data-log="warning"]').click();
    assert.ok((await postedMessages(page)).some((m) => m.type === 'openLogs' && m.level === 'warning'));
  });

  it('disables what the role may not do, saying which role is needed', async () => {
    const page = await openDashboard(suite, {}, 12, 'developer');
    const deploy = page.page.locator('[data-app-id="app0000"] [data-action="deploy"]');
    assert.equal(await deploy.isDisabled(), true);
    assert.match((await deploy.getAttribute('title')) ?? '', /Developer Plus role or higher/);
    const destroy = page.page.locator('vscode-button[data-tool="destroyEnvironment"]');
    assert.equal(await destroy.getAttribute('disabled'), '');
    assert.match((await destroy.getAttribute('title')) ?? '', /Admin role/);
    assert.equal(
      await page.page.locator('vscode-button[data-tool="refresh"]').getAttribute('disabled'),
      null,
    );
  });

  it('moves between environment tabs with the keyboard', async () => {
    const page = await openDashboard(suite);
    await page.page.locator('vscode-tab-header[data-environment="production"]').focus();
    await page.page.keyboard.press('ArrowRight');
    await page.page.keyboard.press('Enter');
    await page.waitForPosted('selectEnvironment');
    const posted = await postedMessages(page);
    assert.ok(posted.some((m) => m.type === 'selectEnvironment' && m.environmentType === 'staging'));
    assert.equal(
      await page.page
        .locator('.app-card')
        .first()
        .getAttribute('class')
        .then((c) => c?.includes('env-staging')),
      true,
    );
  });

  it('collects what a screen logs or throws, so the suite fails on it unless the test allows it', async () => {
    const page = await openDashboard(suite);
    await page.page.evaluate(() => {
      console.warn('a spurious warning');
      setTimeout(() => {
        throw new Error('a spurious exception');
      });
    });
    await page.page.waitForTimeout(100);
    assert.deepEqual(
      page.unexpectedProblems().map((p) => p.replace(/ \(.*\)$/, '')),
      ['warning: a spurious warning', 'uncaught: a spurious exception'],
    );
    page.allowProblems(/spurious/);
    assert.deepEqual(page.unexpectedProblems(), []);
  });

  it('opens on the first environment with apps, then on the tab the user chose', async () => {
    const model = fixtureDashboard(12);
    const withoutProduction = {
      ...model,
      apps: model.apps.filter((a) => a.environmentType !== 'production'),
    };
    const page = await suite.open('dashboard');
    await page.waitForPosted('ready');
    await page.send({ type: 'init', model: withoutProduction });
    const tabs = page.page.locator('vscode-tabs.env-tabs');
    assert.equal(await tabs.getAttribute('selected-index'), '1', 'Staging: Production is empty');
    await page.page.locator('vscode-tab-header[data-environment="development"]').click();
    await page.waitForPosted('selectEnvironment');
    await page.reload();
    await page.waitForPosted('ready');
    await page.send({ type: 'init', model });
    assert.equal(
      await tabs.getAttribute('selected-index'),
      '2',
      'the chosen tab, though Production has apps now',
    );
  });

  it('restores its tab and filters from the saved state', async () => {
    const first = await openDashboard(suite);
    await first.page.locator('vscode-tab-header[data-environment="staging"]').click();
    await first.page.locator('vscode-checkbox[data-tool="showDisabled"]').click();
    await first.waitForPosted('setShowDisabled');
    const saved = (await first.state()) as { environmentType: string; showDisabled: boolean };
    assert.equal(saved.environmentType, 'staging');
    assert.equal(saved.showDisabled, true);
    const second = await openDashboard(suite, { state: saved });
    assert.equal(await second.page.locator('vscode-tabs.env-tabs').getAttribute('selected-index'), '1');
    assert.ok(
      (await postedMessages(second)).some(
        (m) => m.type === 'selectEnvironment' && m.environmentType === 'staging',
      ),
    );
  });

  it('keeps its tab, version tab and filter across a reload, and the project the serializer reopens', async () => {
    const page = await openDashboard(suite);
    const tabs = page.page.locator('vscode-tabs.env-tabs');
    const versions = page.page.locator('vscode-tabs.version-tabs');
    const showDisabled = page.page.locator('vscode-checkbox[data-tool="showDisabled"]');
    const cards = (): Promise<(string | null)[]> =>
      page.page
        .locator('.app-card')
        .evaluateAll((all) => all.map((card) => card.getAttribute('data-app-id')));
    await page.page.locator('vscode-tab-header[data-environment="staging"]').click();
    await versions.locator('vscode-tab-header[data-version="19.0"]').click();
    await showDisabled.click();
    await page.waitForPosted('setShowDisabled');
    // Staging on 19.0 holds app0001 and the disabled app0010: the filters are all in effect.
    const filtered = ['app0001', 'app0010'];
    assert.deepEqual(await cards(), filtered);
    assert.deepEqual(projectRefOfState(await page.state()), fixtureDashboard().ref);

    await page.reload();
    await page.waitForPosted('ready');
    // Before the extension answers `ready`, the page shows what it saved rather than a spinner.
    assert.deepEqual(await cards(), filtered);
    await page.send({ type: 'init', model: fixtureDashboard() });
    assert.equal(await tabs.getAttribute('selected-index'), '1');
    assert.equal(await versions.getAttribute('selected-index'), '1');
    assert.equal(await showDisabled.evaluate((box) => (box as HTMLInputElement).checked), true);
    assert.deepEqual(await cards(), filtered);
    const posted = await postedMessages(page);
    assert.equal(posted[0]?.type, 'ready');
    assert.ok(posted.some((m) => m.type === 'selectEnvironment' && m.environmentType === 'staging'));
  });

  it('stays readable at 320 px', async () => {
    const page = await openDashboard(suite, { width: 320 });
    assert.equal(await overflowsHorizontally(page), false);
    await screenshot(page, 'dashboard-narrow-dark');
  });

  for (const theme of THEMES) {
    it(`renders in the ${theme} theme`, async () => {
      const page = await openDashboard(suite, { theme }, 12, 'admin');
      await documentScreen(page, 'dashboard', theme);
      assert.deepEqual(await page.cspViolations(), []);
    });
  }
});
