import assert from 'node:assert/strict';
import {
  ChangePlan,
  DeployApp,
  ErrorCode,
  LimitExceededDataSchema,
  ListApps,
  ListDatabases,
  ListDatabaseServers,
  ListProjects,
} from '@paas/protocol';
import { runAgentCli } from '@paas/scripts/out/src/agentProcess';
import { dockerClient, type TempRepo } from '@paas/scripts/out/src/testkit/index.js';
import { rpcErrorOf } from '../../helpers/client';
import { addonRepo, createProject, describeJob, waitJob, useDeployAgent } from './deployKit';

/** Two apps on a free plan allowing one: essential lifts it. */
const TWO_ON_FREE = { limit: 'instances', current: 2, max: 1, plan: 'free', liftedBy: 'essential' };

describe('deploy: the plan limits how many apps (instances) a project has', function () {
  this.timeout(240_000);
  const suite = useDeployAgent();
  let repo: TempRepo;

  before(async () => {
    repo = await addonRepo(undefined, ['second', 'third']);
  });

  function setLimits(tier: string, limits: Record<string, unknown>): void {
    const result = runAgentCli(suite.agent.dataDir, [
      'plan',
      'set',
      tier,
      '--limits',
      JSON.stringify(limits),
    ]);
    assert.equal(result.status, 0, result.stderr);
  }

  async function databaseNames(): Promise<string[]> {
    const [server] = (await suite.agent.client.request(ListDatabaseServers, {})).servers;
    const { databases } = await suite.agent.client.request(ListDatabases, { serverId: server!.id });
    return databases.map((d) => d.name);
  }

  it('refuses an app past the limit, names the plan that lifts it, makes nothing; downgrades are checked', async () => {
    const { client } = suite.agent;
    setLimits('free', { instances: 1 });
    const created = await createProject(client, repo, { branch: 'main' });
    const { job } = await waitJob(client, created.jobId!);
    assert.equal(job.state, 'succeeded', describeJob(job));
    const projectId = created.project.id;
    const containersBefore = await dockerClient().listContainers({
      all: true,
      filters: { label: [`sh.paas.project=${projectId}`] },
    });
    const databasesBefore = await databaseNames();

    const deploySecond = () =>
      client.request(DeployApp, { environmentId: created.environment.id, name: 'second', branch: 'second' });
    const error = await rpcErrorOf(deploySecond());
    assert.equal(error.code, ErrorCode.LimitExceeded, error.message);
    assert.deepEqual(LimitExceededDataSchema.parse(error.data), TWO_ON_FREE);
    const { apps } = await client.request(ListApps, { projectId, includeDisabled: true });
    assert.deepEqual(
      apps.map((a) => a.name),
      ['main'],
    );
    const containersAfter = await dockerClient().listContainers({
      all: true,
      filters: { label: [`sh.paas.project=${projectId}`] },
    });
    assert.deepEqual(containersAfter.map((c) => c.Id).sort(), containersBefore.map((c) => c.Id).sort());
    assert.deepEqual(await databaseNames(), databasesBefore);

    await client.request(ChangePlan, { projectId, plan: { tier: 'essential', billing: 'monthly' } });
    const second = await deploySecond();
    assert.equal((await waitJob(client, second.jobId)).job.state, 'succeeded');
    const downgrade = await rpcErrorOf(
      client.request(ChangePlan, { projectId, plan: { tier: 'free', billing: 'monthly' } }),
    );
    assert.equal(downgrade.code, ErrorCode.LimitExceeded, downgrade.message);
    assert.deepEqual(LimitExceededDataSchema.parse(downgrade.data), TWO_ON_FREE);
  });

  it('refuses a new project whose first branch the plan has no room for, and undoes the project', async () => {
    const { client } = suite.agent;
    setLimits('free', { instances: 0 });
    const error = await rpcErrorOf(createProject(client, repo, { branch: 'third' }));
    assert.equal(error.code, ErrorCode.LimitExceeded, error.message);
    assert.equal((error.data as { limit: string }).limit, 'instances');
    const { projects } = await client.request(ListProjects, {});
    assert.equal(projects.length, 1, 'only the first test project remains');
  });
});
