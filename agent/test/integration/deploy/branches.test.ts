import assert from 'node:assert/strict';
import { CreateEnvironment, DeployApp, GetApp, UpdateApp, type App } from '@paas/protocol';
import {
  addonFiles,
  manifestText,
  waitHttp,
  withAdminClient,
  type TempRepo,
} from '@paas/scripts/out/src/testkit/index.js';
import { addonRepo, createProject, describeJob, useDeployAgent, waitJob } from './deployKit';

/** Module name → state, read from the app's database (ir_module_module), as on any Odoo. */
async function moduleStates(app: App): Promise<Record<string, string>> {
  return withAdminClient(async (client) => {
    const { rows } = await client.query<{ name: string; state: string }>(
      'SELECT name, state FROM ir_module_module',
    );
    return Object.fromEntries(rows.map((r) => [r.name, r.state]));
  }, app.databaseName);
}

describe('branches behave as on Odoo.sh: a development app installs its own modules', function () {
  this.timeout(240_000);
  const suite = useDeployAgent();
  let repo: TempRepo;
  let app: App;

  before(async () => {
    repo = await addonRepo({ paas_one: { version: '1.0.0' }, paas_two: { version: '1.0.0' } });
    // No automation given: the environment's defaults decide.
    const created = await createProject(suite.agent.client, repo, { branch: 'main' });
    const { job } = await waitJob(suite.agent.client, created.jobId!);
    assert.equal(job.state, 'succeeded', describeJob(job));
    app = (await suite.agent.client.request(GetApp, { appId: job.appId })).app;
  });

  it('starts on a fresh database with the branch’s own modules installed (install only my modules)', async () => {
    const states = await moduleStates(app);
    assert.equal(states.base, 'installed');
    assert.equal(states.paas_one, 'installed');
    assert.equal(states.paas_two, 'installed');
  });

  it('installs modules new to the branch at every update, not only at the first deploy', async () => {
    for (const name of ['paas_three', 'paas_four']) {
      await repo.commit(addonFiles({ [name]: { version: '1.0.0' } }), `add ${name}`);
      const { jobId } = await suite.agent.client.request(UpdateApp, { appId: app.id });
      const { job, steps } = await waitJob(suite.agent.client, jobId!);
      assert.equal(job.state, 'succeeded', describeJob(job));
      assert.equal(steps.find((s) => s.name === 'moduleUpdate')?.summary, `installed ${name}`);
      assert.equal((await moduleStates(app))[name], 'installed');
    }
  });
});

describe('branches behave as on Odoo.sh: a staging app starts on a neutralized copy of production', function () {
  this.timeout(300_000);
  const suite = useDeployAgent();

  it('copies production’s live database, neutralizes it with the image’s odoo neutralize, then serves it', async () => {
    const repo = await addonRepo({
      paas_shop: {
        version: '1.0.0',
        files: {
          'data/neutralize.sql':
            "UPDATE ir_config_parameter SET value = 'off' WHERE key = 'paas_shop.endpoint';\n",
        },
      },
    });
    const created = await createProject(suite.agent.client, repo, {
      branch: 'main',
      type: 'production',
      automation: { autoInstall: true },
    });
    const { job } = await waitJob(suite.agent.client, created.jobId!);
    assert.equal(job.state, 'succeeded', describeJob(job));
    const production = (await suite.agent.client.request(GetApp, { appId: job.appId })).app;
    await withAdminClient(
      (client) =>
        client.query(
          "INSERT INTO ir_config_parameter (key, value) VALUES ('paas_shop.endpoint', 'https://live')",
        ),
      production.databaseName,
    );
    // The staging branch bumps the module: the copy is updated to the branch's code after the copy.
    await repo.createBranch('staging');
    await repo.commit(
      { 'paas_shop/__manifest__.py': manifestText('paas_shop', { version: '1.1.0' }) },
      'bump',
      'staging',
    );
    const environment = await suite.agent.client.request(CreateEnvironment, {
      projectId: created.project.id,
      type: 'staging',
    });
    const deployed = await suite.agent.client.request(DeployApp, {
      environmentId: environment.environment.id,
      name: 'staging',
      branch: 'staging',
    });
    const done = await waitJob(suite.agent.client, deployed.jobId);
    assert.equal(done.job.state, 'succeeded', describeJob(done.job));
    assert.match(done.steps.find((s) => s.name === 'init')!.summary ?? '', /copied production app/);
    assert.equal(done.steps.find((s) => s.name === 'moduleUpdate')?.summary, 'updated paas_shop');
    const staging = (await suite.agent.client.request(GetApp, { appId: deployed.app.id })).app;
    const param = async (database: string, key: string) =>
      withAdminClient(
        async (client) =>
          (
            await client.query<{ value: string }>('SELECT value FROM ir_config_parameter WHERE key = $1', [
              key,
            ])
          ).rows[0]?.value,
        database,
      );
    assert.equal(await param(staging.databaseName, 'database.is_neutralized'), 'true');
    assert.equal(
      await param(staging.databaseName, 'paas_shop.endpoint'),
      'off',
      'the module’s neutralize.sql ran',
    );
    assert.notEqual(
      await param(staging.databaseName, 'database.uuid'),
      await param(production.databaseName, 'database.uuid'),
      'a copy has its own identity',
    );
    assert.equal(await param(production.databaseName, 'paas_shop.endpoint'), 'https://live');
    const states = await moduleStates(staging);
    assert.equal(states.paas_shop, 'installed');
    const version = await withAdminClient(
      async (client) =>
        (
          await client.query<{ v: string }>(
            "SELECT latest_version AS v FROM ir_module_module WHERE name = 'paas_shop'",
          )
        ).rows[0]!.v,
      staging.databaseName,
    );
    assert.equal(version, '17.0.1.1.0');
    assert.equal((await waitHttp(`${staging.url}/web/login`, 30_000)).status, 200);
  });

  it('starts on a fresh database when the project has no production app', async () => {
    const repo = await addonRepo();
    const created = await createProject(suite.agent.client, repo, { branch: 'main', type: 'staging' });
    const { job, steps } = await waitJob(suite.agent.client, created.jobId!);
    assert.equal(job.state, 'succeeded', describeJob(job));
    assert.equal(steps.find((s) => s.name === 'init')?.summary, 'installed base');
    const app = (await suite.agent.client.request(GetApp, { appId: job.appId })).app;
    assert.equal((await moduleStates(app)).base, 'installed');
  });
});
