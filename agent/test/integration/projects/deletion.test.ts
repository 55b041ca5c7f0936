import assert from 'node:assert/strict';
import { DeleteProject, DeployApp, ErrorCode, GetApp, GetProject, ListApps, type App } from '@paas/protocol';
import { dockerClient, registerCleanup, withAdminClient } from '@paas/scripts/out/src/testkit/index.js';
import { escapeIdentifier } from 'pg';
import { rpcErrorOf } from '../../helpers/client';
import { addonRepo, createProject, describeJob, useDeployAgent, waitJob } from '../deploy/deployKit';

async function containersOf(appId: string): Promise<string[]> {
  const found = await dockerClient().listContainers({
    all: true,
    filters: { label: [`sh.paas.app=${appId}`] },
  });
  return found.map((c) => c.Names[0] ?? c.Id);
}

/** A database the agent did not create, dropped after the suite whatever happens. */
async function strayDatabase(name: string, owner?: string): Promise<void> {
  await withAdminClient((c) =>
    c.query(`CREATE DATABASE ${escapeIdentifier(name)}${owner ? ` OWNER ${escapeIdentifier(owner)}` : ''}`),
  );
  registerCleanup(() => dropDatabase(name), `drop database ${name}`);
}

async function dropDatabase(name: string): Promise<void> {
  await withAdminClient((c) => c.query(`DROP DATABASE IF EXISTS ${escapeIdentifier(name)} WITH (FORCE)`));
}

describe('projects/delete: refused up front or resumable, never halfway with apps shown running', function () {
  this.timeout(240_000);
  const suite = useDeployAgent();
  let projectId: string;
  let code: string;
  let first: App;
  let second: App;

  before(async () => {
    const created = await createProject(suite.agent.client, await addonRepo(), { branch: 'main' });
    projectId = created.project.id;
    code = created.code;
    const made = await waitJob(suite.agent.client, created.jobId!);
    assert.equal(made.job.state, 'succeeded', describeJob(made.job));
    first = (await suite.agent.client.request(GetApp, { appId: made.job.appId })).app;
    const deployed = await suite.agent.client.request(DeployApp, {
      environmentId: first.environmentId,
      name: 'second',
      branch: 'main',
    });
    const { job } = await waitJob(suite.agent.client, deployed.jobId);
    assert.equal(job.state, 'succeeded', describeJob(job));
    second = (await suite.agent.client.request(GetApp, { appId: deployed.app.id })).app;
  });

  const remove = () =>
    suite.agent.client.request(DeleteProject, { projectId, confirmCode: code, skipFinalBackups: false });

  it('names a database an app role owns that the agent did not create, and deletes nothing', async () => {
    const foreign = `${second.databaseName}_theirs`;
    await strayDatabase(foreign, second.databaseName);
    const refused = await rpcErrorOf(remove());
    assert.equal(refused.code, ErrorCode.Conflict);
    assert.match(refused.message, new RegExp(`owns databases the agent did not create: ${foreign}`));
    for (const app of [first, second]) {
      assert.equal((await suite.agent.client.request(GetApp, { appId: app.id })).app.state, 'running');
      assert.equal((await containersOf(app.id)).length, 1);
    }
    await dropDatabase(foreign);
  });

  it('finishes on a retry what a failure halfway left, and never shows a deleted app running', async () => {
    // A table the second app's role owns in another database: PostgreSQL refuses DROP ROLE for it.
    const blocker = `paas_blocker_${code.toLowerCase().replace(/[^a-z0-9]/g, '_')}`;
    await strayDatabase(blocker);
    await withAdminClient(async (c) => {
      await c.query('CREATE TABLE held ()');
      await c.query(`ALTER TABLE held OWNER TO ${escapeIdentifier(second.databaseName)}`);
    }, blocker);
    const failed = await rpcErrorOf(remove());
    assert.match(failed.message, /cannot be dropped|depend/, failed.message);

    assert.equal(
      (await rpcErrorOf(suite.agent.client.request(GetApp, { appId: first.id }))).code,
      ErrorCode.NotFound,
      'the first app went with its resources',
    );
    const { apps } = await suite.agent.client.request(ListApps, { projectId, includeDisabled: true });
    assert.deepEqual(
      apps.map((app) => [app.id, app.state, app.lastError?.code]),
      [[second.id, 'stopped', 'DELETING']],
    );
    assert.deepEqual(await containersOf(second.id), [], 'its container is gone and it does not show running');

    await dropDatabase(blocker);
    await remove();
    assert.equal(
      (await rpcErrorOf(suite.agent.client.request(GetApp, { appId: second.id }))).code,
      ErrorCode.NotFound,
    );
    assert.equal(
      (await rpcErrorOf(suite.agent.client.request(GetProject, { projectId }))).code,
      ErrorCode.NotFound,
    );
  });
});
