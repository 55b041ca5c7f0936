import assert from 'node:assert/strict';
import { UpdateProject, permissionsOf } from '@paas/protocol';
import { AuditLogToExtensionSchema } from '../../src/webviews/messages/auditLog';
import { BackupsToExtensionSchema } from '../../src/webviews/messages/backups';
import { CollaboratorsToExtensionSchema } from '../../src/webviews/messages/collaborators';
import { ProjectInfoToExtensionSchema } from '../../src/webviews/messages/projectInfo';
import { SettingsToExtensionSchema } from '../../src/webviews/messages/settings';
import { accessViewOf } from '../../src/webviews/shared/access';
import {
  fixtureAuditPage,
  fixtureBackups,
  fixtureCollaborators,
  fixtureCreateProject,
  fixtureProject,
} from './fixtures/screens';
import type { WebviewPage } from './harness/page';
import { THEMES, documentScreen, overflowsHorizontally, webviewSuite } from './harness/suite';

describe('webviews: project screens', function () {
  this.timeout(30_000);
  const suite = webviewSuite();

  async function open(
    screen: string,
    init: unknown,
    options: { theme?: (typeof THEMES)[number]; width?: number } = {},
  ): Promise<WebviewPage> {
    const page = await suite.open(screen, options);
    await page.waitForPosted('ready');
    await page.send(init);
    assert.deepEqual(await page.cspViolations(), []);
    return page;
  }

  describe('project info', () => {
    const init = (role: 'admin' | 'developer') => ({
      type: 'init',
      model: { project: fixtureProject(), access: accessViewOf(permissionsOf(role)) },
    });

    it('saves the General tab as projects/update params and shows errors beside fields', async () => {
      const page = await open('projectInfo', init('admin'));
      await page.page.locator('[data-field="name"] vscode-textfield input').fill('Acme ERP 2');
      await page.page.locator('vscode-button[data-save]').click();
      const save = ProjectInfoToExtensionSchema.parse(await page.waitForPosted('save'));
      assert.ok(save.type === 'save');
      const params = UpdateProject.params.parse({ ...save.params, projectId: 'prj1' });
      assert.equal(params.name, 'Acme ERP 2');
      await page.send({
        type: 'requestDone',
        requestId: save.requestId,
        error: {
          code: -32602,
          codeName: 'InvalidParams',
          message: 'Invalid',
          issues: [{ path: 'registry.url', message: 'must be an https:// URL' }],
        },
      });
      assert.match(
        (await page.page.locator('[data-field="registry.url"] .field-error').textContent()) ?? '',
        /https/,
      );
    });

    it('switches to Configuration with the keyboard', async () => {
      const page = await open('projectInfo', init('admin'));
      await page.page.locator('vscode-tab-header[data-tab="general"]').focus();
      await page.page.keyboard.press('ArrowRight');
      await page.page.keyboard.press('Enter');
      await page.page.locator('[data-field="configuration.odooVersion"]').waitFor();
      assert.equal(((await page.state()) as { tab: string }).tab, 'configuration');
    });

    it('is read-only below Admin', async () => {
      const page = await open('projectInfo', init('developer'));
      assert.equal(await page.page.locator('vscode-button[data-save]').getAttribute('disabled'), '');
      assert.equal(
        await page.page.locator('[data-field="name"] vscode-textfield').getAttribute('disabled'),
        '',
      );
    });

    for (const theme of THEMES) {
      it(`renders in the ${theme} theme`, async () =>
        documentScreen(await open('projectInfo', init('admin'), { theme }), 'info', theme));
    }
  });

  describe('collaborators', () => {
    it('is titled "<project> — Collaborators" and lists who has access through the organization', async () => {
      const page = await open('collaborators', {
        type: 'init',
        model: { ...fixtureCollaborators('admin'), collaborators: [] },
      });
      assert.equal(
        (await page.page.locator('h1').textContent())?.replace(/\s+/g, ' ').trim(),
        'Acme ERP — Collaborators',
      );
      const row = page.page.locator('[data-organization-member="u9"]');
      assert.match(
        ((await row.textContent()) ?? '').replace(/\s+/g, ' '),
        /Ada Admin ada@acme\.example Admin \(organization role\)/,
      );
      assert.equal(
        await row.locator('button, vscode-single-select').count(),
        0,
        'changed on the organization',
      );
    });

    it('adds a user and shows hierarchy-rule errors beside the role', async () => {
      const page = await open('collaborators', { type: 'init', model: fixtureCollaborators('admin') });
      await page.page.locator('[data-field="email"] vscode-textfield input').fill('new@acme.example');
      await page.page.locator('vscode-button[data-add-user]').click();
      const add = CollaboratorsToExtensionSchema.parse(await page.waitForPosted('addUser'));
      assert.ok(add.type === 'addUser');
      assert.deepEqual([add.email, add.role], ['new@acme.example', 'developer']);
      await page.send({
        type: 'requestDone',
        requestId: add.requestId,
        error: {
          code: -32012,
          codeName: 'Forbidden',
          message: 'You cannot grant a role above your own.',
          issues: [{ path: 'role', message: 'above your role (Admin)' }],
        },
      });
      assert.match(
        (await page.page.locator('[data-field="role"] .field-error').textContent()) ?? '',
        /above your role/,
      );
      assert.match((await page.page.locator('.request-error').first().textContent()) ?? '', /cannot grant/);
    });

    it('locks rows above the caller, removes others, offers no role above their own', async () => {
      const page = await open('collaborators', { type: 'init', model: fixtureCollaborators('admin') });
      assert.equal(await page.page.locator('[data-remove="u1"]').isDisabled(), true);
      assert.match(
        (await page.page.locator('[data-remove="u1"]').getAttribute('title')) ?? '',
        /above yours/,
      );
      assert.equal(
        await page.page.locator('[data-role-of="u2"] vscode-option[value="owner"]').getAttribute('disabled'),
        '',
      );
      await page.page.locator('[data-remove="u2"]').click();
      const remove = CollaboratorsToExtensionSchema.parse(await page.waitForPosted('remove'));
      assert.ok(remove.type === 'remove' && remove.collaboratorId === 'u2');
      await page.send({
        type: 'requestDone',
        requestId: remove.requestId,
        error: {
          code: -32014,
          codeName: 'Conflict',
          message: 'The last owner cannot be removed.',
          issues: [],
        },
      });
      assert.match(
        (await page.page.locator('[data-collaborator="u2"] .row-error').textContent()) ?? '',
        /last owner/,
      );
    });

    it('disables every change for a developer', async () => {
      const page = await open('collaborators', { type: 'init', model: fixtureCollaborators('developer') });
      assert.equal(await page.page.locator('vscode-button[data-add-user]').getAttribute('disabled'), '');
      assert.match(
        (await page.page.locator('vscode-button[data-add-user]').getAttribute('title')) ?? '',
        /Admin role/,
      );
      assert.equal(await page.page.locator('[data-remove="u2"]').isDisabled(), true);
    });

    for (const theme of THEMES) {
      it(`renders in the ${theme} theme`, async () =>
        documentScreen(
          await open('collaborators', { type: 'init', model: fixtureCollaborators('admin') }, { theme }),
          'collaborators',
          theme,
        ));
    }
  });

  describe('audit log', () => {
    const init = (role: 'admin' | 'viewer') => ({
      type: 'init',
      access: accessViewOf(permissionsOf(role)),
      projectName: 'Acme ERP',
      page: fixtureAuditPage(),
    });

    it('filters and pages with typed queries', async () => {
      const page = await open('auditLog', init('admin'));
      assert.equal(await page.page.locator('tr[data-entry]').count(), 50);
      await page.page.locator('[data-field="filter.actor"] vscode-textfield input').fill('dan@acme.example');
      await page.page.locator('[data-field="filter.since"] vscode-textfield input').fill('2026-05-01');
      await page.page.locator('vscode-button[data-apply]').click();
      const query = AuditLogToExtensionSchema.parse(await page.waitForPosted('query'));
      assert.ok(query.type === 'query');
      assert.deepEqual(query.filter, { actor: 'dan@acme.example', since: '2026-05-01T00:00:00.000Z' });
      assert.equal(query.cursor, undefined);
      await page.send({ type: 'page', page: fixtureAuditPage(10, 'c2') });
      await page.send({ type: 'requestDone', requestId: query.requestId });
      await page.clearPosted();
      await page.page.locator('vscode-button[data-next]').click();
      const next = AuditLogToExtensionSchema.parse(await page.waitForPosted('query'));
      assert.ok(next.type === 'query' && next.cursor === 'c2');
      await page.send({ type: 'page', page: fixtureAuditPage(3, null) });
      await page.send({ type: 'requestDone', requestId: next.requestId });
      assert.match((await page.page.locator('.page-number').textContent()) ?? '', /Page 2/);
      assert.equal(await page.page.locator('vscode-button[data-next]').getAttribute('disabled'), '');
    });

    it('explains why a viewer cannot read it', async () => {
      const page = await open('auditLog', init('viewer'));
      assert.match((await page.page.locator('.banner').textContent()) ?? '', /requires the Admin role/);
    });

    it('stays readable at 320 px', async () => {
      const page = await open('auditLog', init('admin'), { width: 320 });
      assert.equal(await overflowsHorizontally(page), false);
    });

    for (const theme of THEMES) {
      it(`renders in the ${theme} theme`, async () =>
        documentScreen(await open('auditLog', init('admin'), { theme }), 'audit', theme));
    }
  });

  describe('backups', () => {
    it('is titled "<project> — Backups" and warns of attachments an import lacked', async () => {
      const page = await open('backups', { type: 'init', model: fixtureBackups('admin') });
      assert.equal(
        (await page.page.locator('h1').textContent())?.replace(/\s+/g, ' ').trim(),
        'Acme ERP — Backups',
      );
      assert.match(
        (await page.page.locator('[data-backup="b2"] .missing-attachments').textContent()) ?? '',
        /3\s+attachments\s+missing/,
      );
      assert.equal(await page.page.locator('[data-backup="b1"] .missing-attachments').count(), 0);
    });

    it('restores and downloads where allowed, never a running backup or a production one for a developer', async () => {
      const page = await open('backups', { type: 'init', model: fixtureBackups('developer') });
      assert.equal(await page.page.locator('[data-backup="b1"] [data-action="restore"]').isDisabled(), true);
      assert.match(
        (await page.page.locator('[data-backup="b1"] [data-action="restore"]').getAttribute('title')) ?? '',
        /Developer Plus/,
      );
      assert.equal(await page.page.locator('[data-backup="b3"] [data-action="download"]').isDisabled(), true);
      assert.equal(await page.page.locator('[data-backup="b2"] [data-action="delete"]').isDisabled(), true);
      assert.equal(await page.page.locator('[data-backup="b2"] [data-action="download"]').isEnabled(), true);
      await page.page.locator('[data-backup="b2"] [data-action="restore"]').click();
      const restore = BackupsToExtensionSchema.parse(await page.waitForPosted('restore'));
      assert.ok(restore.type === 'restore' && restore.backupId === 'b2');
      // While the restore runs, the backup's buttons wait.
      assert.equal(await page.page.locator('[data-backup="b2"] [data-action="download"]').isDisabled(), true);
    });

    it('keeps Download disabled, saying why, when the agent cannot serve archives', async () => {
      const reason = 'This agent cannot serve backup archives yet.';
      const page = await open('backups', {
        type: 'init',
        model: fixtureBackups('admin', { available: false, reason }),
      });
      const download = page.page.locator('[data-backup="b2"] [data-action="download"]');
      assert.equal(await download.isDisabled(), true);
      assert.equal(await download.getAttribute('title'), reason);
      assert.equal(await page.page.locator('[data-backup="b2"] [data-action="restore"]').isEnabled(), true);
    });

    it('downloads only with the capability and the restore role, and is busy until the download ends', async () => {
      const viewer = await open('backups', { type: 'init', model: fixtureBackups('viewer') });
      const denied = viewer.page.locator('[data-backup="b2"] [data-action="download"]');
      assert.equal(await denied.isDisabled(), true);
      assert.match((await denied.getAttribute('title')) ?? '', /requires the Developer role/);

      const page = await open('backups', { type: 'init', model: fixtureBackups('admin') });
      const download = page.page.locator('[data-backup="b2"] [data-action="download"]');
      assert.equal(await download.getAttribute('title'), 'Download');
      await download.click();
      const posted = BackupsToExtensionSchema.parse(await page.waitForPosted('download'));
      assert.ok(posted.type === 'download' && posted.backupId === 'b2');
      assert.equal(await download.isDisabled(), true);
      await page.send({ type: 'requestDone', requestId: posted.requestId });
      await page.page.waitForFunction(
        () =>
          !document.querySelector<HTMLButtonElement>('[data-backup="b2"] [data-action="download"]')!.disabled,
      );
      // A failed download shows the agent's message.
      await download.click();
      const again = BackupsToExtensionSchema.parse(await page.waitForPosted('download'));
      assert.ok(again.type === 'download');
      assert.notEqual(again.requestId, posted.requestId);
      await page.send({
        type: 'requestDone',
        requestId: again.requestId,
        error: {
          code: -32004,
          codeName: 'NotFound',
          message: 'the archive of backup b2 is gone',
          issues: [],
        },
      });
      assert.match(
        (await page.page.locator('.request-error').textContent()) ?? '',
        /archive of backup b2 is gone/,
      );
    });

    it('imports an Odoo backup where app.backup is allowed in some environment, one at a time', async () => {
      const importButton = (page: WebviewPage) => page.page.locator('vscode-button[data-import-backup]');
      // A developer may back up development and staging apps (not production): enough to import.
      const page = await open('backups', { type: 'init', model: fixtureBackups('developer') });
      assert.equal(await importButton(page).getAttribute('disabled'), null);
      assert.equal(await importButton(page).getAttribute('title'), 'Import Odoo backup');
      await importButton(page).click();
      const posted = BackupsToExtensionSchema.parse(await page.waitForPosted('importBackup'));
      assert.ok(posted.type === 'importBackup');
      assert.deepEqual(Object.keys(posted).sort(), ['requestId', 'type']);
      await page.page.waitForFunction(() =>
        document.querySelector('vscode-button[data-import-backup]')!.hasAttribute('disabled'),
      );
      await page.send({ type: 'requestDone', requestId: posted.requestId });
      await page.page.waitForFunction(
        () => !document.querySelector('vscode-button[data-import-backup]')!.hasAttribute('disabled'),
      );

      const viewer = await open('backups', { type: 'init', model: fixtureBackups('viewer') });
      assert.equal(await importButton(viewer).getAttribute('disabled'), '');
      assert.match((await importButton(viewer).getAttribute('title')) ?? '', /requires the Developer role/);

      const reason = 'This agent accepts no uploads.';
      const old = await open('backups', {
        type: 'init',
        model: fixtureBackups('admin', { available: true }, { available: false, reason }),
      });
      assert.equal(await importButton(old).getAttribute('disabled'), '');
      assert.equal(await importButton(old).getAttribute('title'), reason);
      await old.clearPosted();
      await importButton(old).click({ force: true });
      assert.deepEqual(
        (await old.posted()).filter((m) => (m as { type: string }).type === 'importBackup'),
        [],
      );
    });

    for (const theme of THEMES) {
      it(`renders in the ${theme} theme`, async () =>
        documentScreen(
          await open('backups', { type: 'init', model: fixtureBackups('admin') }, { theme }),
          'backups',
          theme,
        ));
    }
  });

  describe('settings', () => {
    const init = (role: 'admin' | 'developer' | 'viewer') => ({
      type: 'init',
      model: {
        access: accessViewOf(permissionsOf(role)),
        project: {
          id: 'prj1',
          name: 'Acme ERP',
          code: 'acme-erp',
          plan: { tier: 'free', billing: 'monthly' },
        },
        plans: fixtureCreateProject().plans,
        environments: [
          { id: 'env-prod', type: 'production', preUpdateBackup: false },
          { id: 'env-dev', type: 'development', preUpdateBackup: false },
        ],
      },
    });

    it('is titled "<project> — Settings" and says the final backups are kept', async () => {
      const page = await open('settings', init('admin'));
      assert.equal(
        (await page.page.locator('h1').textContent())?.replace(/\s+/g, ' ').trim(),
        'Acme ERP — Settings',
      );
      const danger = (await page.page.locator('.danger-zone').textContent()) ?? '';
      assert.doesNotMatch(danger, /destroys[^.]*backups/);
      assert.match(danger, /keeps these final backups/);
      // Where they are and how to reach them (the agent keeps them in the organization's catalog).
      const text = danger.replace(/\s+/g, ' ');
      assert.match(text, /organization's catalog until an organization Admin deletes them/);
      assert.match(text, /Backups of Deleted Projects…/);
    });

    it('turns backups before updates on per environment; Production always takes one', async () => {
      const page = await open('settings', init('admin'));
      const production = page.page.locator('vscode-checkbox[data-pre-update-backup="production"]');
      assert.equal(await production.getAttribute('disabled'), '');
      assert.equal(await production.getAttribute('checked'), '');
      await page.page.locator('vscode-checkbox[data-pre-update-backup="development"]').click();
      const set = SettingsToExtensionSchema.parse(await page.waitForPosted('setPreUpdateBackup'));
      assert.ok(set.type === 'setPreUpdateBackup');
      assert.deepEqual([set.environmentId, set.enabled], ['env-dev', true]);
      const viewer = await open('settings', init('viewer'));
      assert.equal(
        await viewer.page
          .locator('vscode-checkbox[data-pre-update-backup="development"]')
          .getAttribute('disabled'),
        '',
      );
    });

    it('changes the plan once another tier or billing period is chosen, and only for Admin and up', async () => {
      const page = await open('settings', init('admin'));
      const button = page.page.locator('vscode-button[data-change-plan]');
      assert.equal(await button.getAttribute('disabled'), '');
      await page.page.evaluate(() => {
        const select = document.querySelector<HTMLSelectElement>(
          '[data-field="plan.tier"] vscode-single-select',
        )!;
        select.value = 'pro';
        select.dispatchEvent(new Event('change'));
      });
      await page.page.waitForFunction(
        () => !document.querySelector('vscode-button[data-change-plan]')?.hasAttribute('disabled'),
      );
      await button.click();
      const change = SettingsToExtensionSchema.parse(await page.waitForPosted('changePlan'));
      assert.ok(change.type === 'changePlan');
      assert.deepEqual(change.plan, { tier: 'pro', billing: 'monthly' });
      const locked = await open('settings', init('developer'));
      assert.match(
        (await locked.page.locator('vscode-button[data-change-plan]').getAttribute('title')) ?? '',
        /Admin role/,
      );
    });

    it('deletes only after the project code is typed', async () => {
      const page = await open('settings', init('admin'));
      const button = page.page.locator('vscode-button[data-delete-project]');
      assert.equal(await button.getAttribute('disabled'), '');
      await page.page.locator('[data-field="confirmCode"] vscode-textfield input').fill('acme-erp');
      await page.page.waitForFunction(
        () => !document.querySelector('vscode-button[data-delete-project]')?.hasAttribute('disabled'),
      );
      await button.click();
      const del = SettingsToExtensionSchema.parse(await page.waitForPosted('deleteProject'));
      assert.ok(del.type === 'deleteProject' && del.confirmCode === 'acme-erp');
      assert.equal(((await page.state()) as { confirmation: string }).confirmation, '');
    });

    it('is locked below Admin', async () => {
      const page = await open('settings', init('developer'));
      assert.match(
        (await page.page.locator('vscode-button[data-delete-project]').getAttribute('title')) ?? '',
        /Admin role/,
      );
    });

    for (const theme of THEMES) {
      it(`renders in the ${theme} theme`, async () =>
        documentScreen(await open('settings', init('admin'), { theme }), 'settings', theme));
    }
  });
});
