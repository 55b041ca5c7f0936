import assert from 'node:assert/strict';
import {
  CreateEnvironment,
  DeployApp,
  GetApp,
  ListEnvironments,
  UpdateApp,
  UpdateEnvironment,
  type App,
} from '@paas/protocol';
import { httpRequest, withAdminClient } from '@paas/scripts/out/src/testkit/index.js';
import { addonRepo, createProject, describeJob, waitFor, waitJob, useDeployAgent } from './deployKit';

/** The names of the databases whose name starts with `prefix`. */
async function databasesLike(prefix: string): Promise<string[]> {
  return withAdminClient(async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE starts_with(datname, $1) ORDER BY datname',
      [prefix],
    );
    return rows.map((r) => r.datname);
  });
}

async function servedRevision(app: App): Promise<string> {
  return String(JSON.parse((await httpRequest(`${app.url}/paas-test/state`)).body).revision);
}

async function markers(database: string): Promise<number> {
  return withAdminClient(async (client) => {
    const { rows } = await client.query<{ n: string }>(
      "SELECT count(*) AS n FROM ir_attachment WHERE name = 'clean-marker'",
    );
    return Number(rows[0]?.n);
  }, database);
}

describe('cleanDatabase: each build starts on a fresh database', function () {
  this.timeout(240_000);
  const suite = useDeployAgent();
  let app: App;
  let role: string;
  let projectId: string;
  // Made in `before`, not when the file loads: the cleanups of the files that run first would remove it.
  let repo: Promise<Awaited<ReturnType<typeof addonRepo>>>;

  before(async () => {
    repo = addonRepo({ paas_a: { version: '1.0.0', files: { PAAS_REVISION: 'r1' } } });
    const created = await createProject(suite.agent.client, await repo, {
      branch: 'main',
      automation: { autoInstall: true, cleanDatabase: true },
    });
    projectId = created.project.id;
    const { job } = await waitJob(suite.agent.client, created.jobId!);
    assert.equal(job.state, 'succeeded', describeJob(job));
    app = (await suite.agent.client.request(GetApp, { appId: job.appId })).app;
    role = app.databaseName;
    const write = await httpRequest(`${app.url}/paas-test/attachment?name=clean-marker`, {
      method: 'POST',
      body: 'from the first build',
    });
    assert.equal(write.status, 200);
    assert.equal(await markers(app.databaseName), 1);
  });

  it('builds an update on a new database while the old one serves, and drops the old one after the switch', async () => {
    await (await repo).commit({ 'paas_a/PAAS_REVISION': 'r2' }, 'code change');
    const { jobId } = await suite.agent.client.request(UpdateApp, { appId: app.id });
    const fresh = `${role}_clean_r2`;
    // While the build runs on its own database, the previous build and its database still serve.
    await waitFor('the clean build database', async () =>
      (await databasesLike(fresh)).length > 0 ? true : undefined,
    );
    assert.deepEqual(await databasesLike(role), [role, fresh]);
    assert.equal(await servedRevision(app), 'r1');
    const { job, steps } = await waitJob(suite.agent.client, jobId!);
    assert.equal(job.state, 'succeeded', describeJob(job));
    assert.equal(steps.find((s) => s.name === 'init')?.state, 'succeeded', 'Odoo initialised it');
    assert.match(
      steps.find((s) => s.name === 'switch')!.log,
      new RegExp(`dropped the previous database ${role}`),
    );
    app = (await suite.agent.client.request(GetApp, { appId: app.id })).app;
    assert.equal(app.databaseName, fresh);
    assert.equal(await servedRevision(app), 'r2');
    assert.deepEqual(await databasesLike(role), [fresh], 'the previous database is gone');
    assert.equal(await markers(fresh), 0, 'nothing of the previous database came along');
  });

  it('leaves the previous build and its database serving when a clean build fails', async () => {
    await (
      await repo
    ).commit({ 'paas_a/STANDIN_FAIL_REGISTRY': '', 'paas_a/PAAS_REVISION': 'r3' }, 'cannot install');
    const { jobId } = await suite.agent.client.request(UpdateApp, { appId: app.id });
    const { job } = await waitJob(suite.agent.client, jobId!);
    assert.equal(job.state, 'failed', describeJob(job));
    assert.equal(job.error?.code, 'INIT_FAILED', describeJob(job));
    const now = (await suite.agent.client.request(GetApp, { appId: app.id })).app;
    assert.equal(now.state, 'running');
    assert.equal(now.databaseName, app.databaseName);
    assert.equal(await servedRevision(now), 'r2');
    assert.deepEqual(await databasesLike(role), [app.databaseName], 'the failed build’s database is dropped');
    assert.equal((await httpRequest(`${app.url}/web/login`)).status, 200);
  });

  it('starts a staging app on a fresh database instead of a copy of production', async () => {
    const production = await createProject(suite.agent.client, await repo, {
      branch: 'main',
      type: 'production',
    });
    const deployed = await waitJob(suite.agent.client, production.jobId!);
    assert.equal(deployed.job.state, 'succeeded', describeJob(deployed.job));
    const productionApp = (await suite.agent.client.request(GetApp, { appId: deployed.job.appId })).app;
    await httpRequest(`${productionApp.url}/paas-test/attachment?name=clean-marker`, {
      method: 'POST',
      body: 'x',
    });
    assert.equal(await markers(productionApp.databaseName), 1);
    const staging = await suite.agent.client.request(CreateEnvironment, {
      projectId: production.project.id,
      type: 'staging',
      automation: { cleanDatabase: true } as never,
    });
    const started = await suite.agent.client.request(DeployApp, {
      environmentId: staging.environment.id,
      name: 'staging',
      branch: 'main',
    });
    const { job, steps } = await waitJob(suite.agent.client, started.jobId);
    assert.equal(job.state, 'succeeded', describeJob(job));
    assert.equal(steps.find((s) => s.name === 'init')?.summary, 'installed base');
    const stagingApp = (await suite.agent.client.request(GetApp, { appId: started.app.id })).app;
    assert.equal(await markers(stagingApp.databaseName), 0, 'nothing of production came along');
  });

  it('refuses it for production, changing nothing', async () => {
    await assert.rejects(
      suite.agent.client.request(CreateEnvironment, {
        projectId,
        type: 'production',
        automation: { cleanDatabase: true } as never,
      }),
      /automation\.cleanDatabase: production never builds on a fresh database/,
    );
    const production = await suite.agent.client.request(CreateEnvironment, { projectId, type: 'production' });
    await assert.rejects(
      suite.agent.client.request(UpdateEnvironment, {
        environmentId: production.environment.id,
        automation: { cleanDatabase: true, preUpdateBackup: true },
      }),
      /production never builds on a fresh database/,
    );
    const listed = await suite.agent.client.request(ListEnvironments, { projectId });
    const kept = listed.environments.find((e) => e.type === 'production')!;
    assert.equal(kept.automation.cleanDatabase, false);
    assert.equal(kept.automation.preUpdateBackup, false);
  });
});
