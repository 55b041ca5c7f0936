import assert from 'node:assert/strict';
import { CreateProject } from '@paas/protocol';
import { CreateProjectToExtensionSchema } from '../../src/webviews/messages/createProject';
import { fixtureCreateProject } from './fixtures/screens';
import type { WebviewPage } from './harness/page';
import { THEMES, documentScreen, overflowsHorizontally, screenshot, webviewSuite } from './harness/suite';

async function typeInto(page: WebviewPage, path: string, text: string): Promise<void> {
  await page.page.locator(`[data-field="${path}"] vscode-textfield input`).fill(text);
}

async function lastPosted(
  page: WebviewPage,
  type: string,
): Promise<ReturnType<typeof CreateProjectToExtensionSchema.parse>> {
  return CreateProjectToExtensionSchema.parse(await page.waitForPosted(type));
}

describe('webviews: create project', function () {
  this.timeout(30_000);
  const suite = webviewSuite();

  async function open(
    role: 'admin' | 'developer' = 'admin',
    theme: (typeof THEMES)[number] = 'dark',
  ): Promise<WebviewPage> {
    const page = await suite.open('createProject', { theme });
    await page.waitForPosted('ready');
    await page.send({ type: 'init', model: fixtureCreateProject(role) });
    return page;
  }

  it('shows four plan cards with their limits and the annual saving', async () => {
    const page = await open('admin', 'light');
    assert.equal(await page.page.locator('.plan').count(), 4);
    assert.match(
      (await page.page.locator('.plan[data-tier="premium"]').textContent()) ?? '',
      /Unlimited app instances/,
    );
    await screenshot(page, 'create-project-plans-light');
    await page.page.locator('vscode-radio[value="annual"]').click();
    assert.match(
      (await page.page.locator('.plan[data-tier="pro"] .saving').textContent()) ?? '',
      /Save .*198/,
    );
    assert.match((await page.page.locator('.plan[data-tier="pro"] .price').textContent()) ?? '', /990/);
  });

  it('refreshes branches, submits valid projects/create params, and shows agent errors beside fields', async () => {
    const page = await open();
    await page.page.locator('vscode-button[data-choose="pro"]').click();
    await typeInto(page, 'name', 'Acme ERP');
    await typeInto(page, 'registry.url', 'https://github.com/acme/erp.git');
    await page.page.locator('vscode-button.refresh-branches').click();
    const list = await lastPosted(page, 'listBranches');
    assert.ok(list.type === 'listBranches');
    assert.equal(list.registryUrl, 'https://github.com/acme/erp.git');
    await page.send({ type: 'branches', registryUrl: list.registryUrl, branches: ['main', 'develop'] });
    await page.send({ type: 'requestDone', requestId: list.requestId });
    assert.equal(await page.page.locator('[data-field="firstEnvironment.branch"] vscode-option').count(), 3);
    await page.page.locator('vscode-button[data-submit]').click();
    const submit = await lastPosted(page, 'submit');
    assert.ok(submit.type === 'submit');
    const params = CreateProject.params.parse(submit.params);
    assert.equal(params.plan.tier, 'pro');
    assert.equal(params.registry.url, 'https://github.com/acme/erp.git');
    assert.equal(params.configuration.odooVersion, '19.0');
    await page.send({
      type: 'requestDone',
      requestId: submit.requestId,
      error: {
        code: -32602,
        codeName: 'InvalidParams',
        message: 'Some fields need attention.',
        issues: [
          { path: 'name', message: 'a project with this name exists' },
          { path: 'firstEnvironment.branch', message: 'branch not found in the registry' },
          { path: 'plan.tier', message: 'plan limit reached' },
        ],
      },
    });
    assert.match((await page.page.locator('[data-field="name"] .field-error').textContent()) ?? '', /exists/);
    assert.match(
      (await page.page.locator('[data-field="firstEnvironment.branch"] .field-error').textContent()) ?? '',
      /not found/,
    );
    // An issue without a field on screen is still shown, in the banner.
    assert.match(
      (await page.page.locator('.request-error').textContent()) ?? '',
      /plan\.tier: plan limit reached/,
    );
    assert.equal(await overflowsHorizontally(page), false);
    await screenshot(page, 'create-project-errors-dark');
  });

  it('never saves the access token in the webview state', async () => {
    const page = await open();
    await page.page.locator('vscode-button[data-choose="free"]').click();
    await page.page.evaluate(() => {
      const select = document.querySelector(
        '[data-field="registry.credentials.kind"] vscode-single-select',
      ) as HTMLSelectElement;
      select.value = 'token';
      select.dispatchEvent(new Event('change'));
    });
    await typeInto(page, 'registry.credentials.token', 'ghp_secret');
    const state = JSON.stringify(await page.state());
    assert.equal(state.includes('ghp_secret'), false);
  });

  it('disables Create for roles below Admin', async () => {
    const page = await open('developer');
    await page.page.locator('vscode-button[data-choose="free"]').click();
    const create = page.page.locator('vscode-button[data-submit]');
    assert.equal(await create.getAttribute('disabled'), '');
    assert.match((await create.getAttribute('title')) ?? '', /requires the Admin role/);
  });

  for (const theme of THEMES) {
    it(`renders in the ${theme} theme`, async () =>
      documentScreen(await open('admin', theme), 'wizard', theme));
  }
});
