import assert from 'node:assert/strict';
import { GetApp, GetModuleDrift, UpdateApp, UpdateEnvironment } from '@paas/protocol';
import { manifestText, withAdminClient } from '@paas/scripts/out/src/testkit/index.js';
import { addonRepo, createProject, describeJob, waitJob, useDeployAgent } from './deployKit';

describe('module drift: the database against the branch at the deployed commit', function () {
  this.timeout(240_000);
  const suite = useDeployAgent();

  it('shows new, removed, behind, not installed and current modules', async () => {
    const { client } = suite.agent;
    const repo = await addonRepo({
      paas_kept: { version: '1.0.0' },
      paas_bumped: { version: '1.0.0' },
      paas_dropped: { version: '1.0.0' },
      paas_uninstalled: { version: '1.0.0' },
    });
    const created = await createProject(client, repo, { branch: 'main', automation: { autoInstall: true } });
    const first = await waitJob(client, created.jobId!);
    assert.equal(first.job.state, 'succeeded', describeJob(first.job));
    const appId = first.job.appId;
    const installed = await client.request(GetModuleDrift, { appId });
    assert.deepEqual(
      installed.modules.map((m) => [m.name, m.drift]),
      [
        ['paas_bumped', 'current'],
        ['paas_dropped', 'current'],
        ['paas_kept', 'current'],
        ['paas_uninstalled', 'current'],
      ],
      'the image modules (base, web, ...) are left out',
    );

    // Someone uninstalls a module in Odoo (module_uninstall in odoo/addons/base/models/ir_module.py).
    const app = (await client.request(GetApp, { appId })).app;
    await withAdminClient(
      (db) =>
        db.query(
          "UPDATE ir_module_module SET state = 'uninstalled', latest_version = NULL WHERE name = 'paas_uninstalled'",
        ),
      app.databaseName,
    );
    // The branch moves on while updates run no -i/-u: the database stays as it was.
    await client.request(UpdateEnvironment, {
      environmentId: created.environment.id,
      automation: { autoInstall: false, updateType: 'none' },
    });
    const sha = await repo.commit(
      {
        'paas_bumped/__manifest__.py': manifestText('paas_bumped', { version: '1.1.0' }),
        'paas_new/__manifest__.py': manifestText('paas_new', { version: '1.0.0' }),
        'paas_new/__init__.py': '',
        'paas_dropped/__manifest__.py': null,
        'paas_dropped/__init__.py': null,
      },
      'bump one, add one, drop one',
    );
    const { jobId } = await client.request(UpdateApp, { appId });
    const update = await waitJob(client, jobId!);
    assert.equal(update.job.state, 'succeeded', describeJob(update.job));

    const drift = await client.request(GetModuleDrift, { appId });
    assert.equal(drift.commitSha, sha);
    assert.deepEqual(
      drift.modules.map((m) => [m.name, m.drift, m.installedVersion, m.branchVersion]),
      [
        ['paas_bumped', 'behind', '17.0.1.0.0', '17.0.1.1.0'],
        ['paas_dropped', 'removed', '17.0.1.0.0', null],
        ['paas_kept', 'current', '17.0.1.0.0', '17.0.1.0.0'],
        ['paas_new', 'new', null, '17.0.1.0.0'],
        ['paas_uninstalled', 'notInstalled', null, '17.0.1.0.0'],
      ],
    );
  });
});
