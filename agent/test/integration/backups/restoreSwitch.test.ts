import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  CreateBackup,
  CreateEnvironment,
  DeployApp,
  GetApp,
  GetJob,
  RestoreBackup,
  type App,
} from '@paas/protocol';
import { dockerClient, httpRequest, pollPage, withAdminClient } from '@paas/scripts/out/src/testkit/index.js';
import { addonRepo, createProject, describeJob, useDeployAgent, waitFor, waitJob } from '../deploy/deployKit';

/** The databases of an app's role on the server (its own and any restore copy or leftover). */
async function databasesOf(app: App): Promise<string[]> {
  return withAdminClient(async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE starts_with(datname, $1) ORDER BY 1',
      [app.databaseName.replace(/_restore_.*$/, '')],
    );
    return rows.map((r) => r.datname);
  });
}

/** The app's revision containers. */
async function containersOf(app: App) {
  return dockerClient().listContainers({ all: true, filters: { label: [`sh.paas.app=${app.id}`] } });
}

describe('restore: the app switches to the restored database like an update, or stays as it was', function () {
  this.timeout(300_000);
  // A restored database that cannot serve fails the restore quickly.
  const suite = useDeployAgent({ healthTimeoutSeconds: 15 });
  let production: App;
  let staging: App;
  const client = () => suite.agent.client;

  async function backupOfProduction(): Promise<string> {
    const { job } = await client().request(CreateBackup, { appId: production.id });
    const done = await waitJob(client(), job.id);
    assert.equal(done.job.state, 'succeeded', describeJob(done.job));
    return done.job.backupId!;
  }

  async function restoreIntoStaging(backupId: string) {
    const { job } = await client().request(RestoreBackup, { backupId, targetAppId: staging.id });
    return waitJob(client(), job.id, 120_000);
  }

  before(async () => {
    const repo = await addonRepo();
    const created = await createProject(client(), repo, { branch: 'main', type: 'production' });
    const environment = await client().request(CreateEnvironment, {
      projectId: created.project.id,
      type: 'staging',
    });
    const deployed = await client().request(DeployApp, {
      environmentId: environment.environment.id,
      name: 'staging',
      branch: 'main',
    });
    for (const jobId of [created.jobId!, deployed.jobId]) {
      const { job } = await waitJob(client(), jobId);
      assert.equal(job.state, 'succeeded', describeJob(job));
    }
    production = (
      await client().request(GetApp, { appId: (await waitJob(client(), created.jobId!)).job.appId })
    ).app;
    staging = (await client().request(GetApp, { appId: deployed.app.id })).app;
  });

  it('switches with zero failed requests on a page that touches the database', async () => {
    const [old] = await containersOf(staging);
    const backupId = await backupOfProduction();
    // The app shows `error` while it serves (an agent restart interrupted its last job): a good restore
    // ends that, as a restart does.
    const store = new Database(join(suite.agent.dataDir, 'agent.sqlite'));
    store
      .prepare(
        "UPDATE apps SET state = 'error', last_error_code = 'INTERRUPTED', last_error_message = 'x' WHERE id = ?",
      )
      .run(staging.id);
    store.close();
    const login = pollPage(`${staging.url}/web/login`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const { job } = await restoreIntoStaging(backupId);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const polled = await login.stop();
    assert.equal(job.state, 'succeeded', describeJob(job));
    assert.equal(polled.failed + polled.held, 0, JSON.stringify(polled.statuses));
    const after = (await client().request(GetApp, { appId: staging.id })).app;
    assert.equal(after.state, 'running');
    assert.equal(after.lastError, undefined);
    assert.notEqual(after.databaseName, staging.databaseName);
    assert.equal(JSON.parse((await httpRequest(`${after.url}/paas-test/state`)).body).db, after.databaseName);
    assert.deepEqual(await databasesOf(after), [after.databaseName], 'the database it left is dropped');
    const containers = await containersOf(after);
    assert.equal(containers.length, 1, 'the old revision container is removed');
    assert.notEqual(containers[0]!.Id, old!.Id);
    assert.deepEqual(containers[0]!.Command.split(' ').slice(-2), ['--db-filter', `^${after.databaseName}$`]);
    staging = after;
  });

  it('a restore whose app never becomes healthy leaves the database and the running revision as they were', async () => {
    // A backup whose database the app cannot serve: /web/login reads res_users.active.
    await withAdminClient(
      (c) => c.query('ALTER TABLE res_users RENAME COLUMN active TO was_active'),
      production.databaseName,
    );
    const badBackup = await backupOfProduction();
    await withAdminClient(
      (c) => c.query('ALTER TABLE res_users RENAME COLUMN was_active TO active'),
      production.databaseName,
    );
    const [before] = await containersOf(staging);
    const login = pollPage(`${staging.url}/web/login`);
    const { job } = await restoreIntoStaging(badBackup);
    const polled = await login.stop();
    assert.equal(job.state, 'failed', describeJob(job));
    assert.equal(job.error?.code, 'HEALTH_TIMEOUT', describeJob(job));
    assert.match(job.error?.message ?? '', new RegExp(`still runs on ${staging.databaseName} as before`));
    assert.equal(polled.failed + polled.held, 0, JSON.stringify(polled.statuses));
    const after = (await client().request(GetApp, { appId: staging.id })).app;
    assert.equal(after.state, 'running');
    assert.equal(after.databaseName, staging.databaseName);
    assert.equal(after.lastError, undefined);
    const [container, ...others] = await containersOf(staging);
    assert.deepEqual(others, [], 'the container started on the restored database is gone');
    assert.equal(container!.Id, before!.Id);
    assert.equal(container!.State, 'running');
    assert.deepEqual(await databasesOf(after), [staging.databaseName], 'no restored copy is left');
    assert.equal((await httpRequest(`${after.url}/web/login`)).status, 200);

    const { job: good } = await restoreIntoStaging(await backupOfProduction());
    assert.equal(good.state, 'succeeded', describeJob(good));
    const fine = (await client().request(GetApp, { appId: staging.id })).app;
    assert.equal(fine.state, 'running');
    assert.equal((await httpRequest(`${fine.url}/web/login`)).status, 200);
    staging = fine;
  });

  it('an agent killed while the restored copy starts leaves the app as it was, and the next start clears the copy', async () => {
    const backupId = await backupOfProduction();
    const [before] = await containersOf(staging);
    const { job } = await client().request(RestoreBackup, { backupId, targetAppId: staging.id });
    await waitFor('the container on the restored copy', async () =>
      (await containersOf(staging)).length > 1 ? true : undefined,
    );
    await suite.agent.agent.kill();
    await suite.agent.restart();
    assert.equal((await client().request(GetJob, { jobId: job.id })).job.state, 'interrupted');
    const after = (await client().request(GetApp, { appId: staging.id })).app;
    assert.equal(after.databaseName, staging.databaseName);
    assert.equal(after.state, 'running');
    assert.deepEqual(await databasesOf(after), [staging.databaseName], 'the restored copy is dropped');
    const containers = await containersOf(after);
    assert.deepEqual(
      containers.map((c) => c.Id),
      [before!.Id],
      'the container started on the copy is removed',
    );
    assert.equal((await httpRequest(`${after.url}/web/login`)).status, 200);
  });
});
