import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import {
  CreateProject,
  DeployApp,
  ErrorCode,
  ListApps,
  ListDatabases,
  ListDatabaseServers,
  ListProjects,
  RetryApp,
  UpdateProject,
  type Environment,
} from '@paas/protocol';
import { dockerClient, type TempRepo } from '@paas/scripts/out/src/testkit/index.js';
import { rpcErrorOf } from '../../helpers/client';
import { addonRepo, createProject, describeJob, uniqueCode, waitJob, useDeployAgent } from './deployKit';

describe('deploy: bad input is refused clearly and leaves nothing behind', function () {
  this.timeout(180_000);
  const suite = useDeployAgent();
  let repo: TempRepo;
  let projectId: string;
  let environment: Environment;

  before(async () => {
    repo = await addonRepo();
    const created = await createProject(suite.agent.client, repo, { type: 'production' });
    projectId = created.project.id;
    environment = created.environment;
  });

  /** Nothing of a refused deploy: no app, no container, no database, no app directory. */
  async function assertNothingLeft(): Promise<void> {
    assert.deepEqual(
      (await suite.agent.client.request(ListApps, { projectId, includeDisabled: true })).apps,
      [],
    );
    const containers = await dockerClient().listContainers({
      all: true,
      filters: { label: [`sh.paas.project=${projectId}`] },
    });
    assert.deepEqual(containers, []);
    const appsDir = join(suite.agent.dataDir, 'apps');
    assert.ok(!existsSync(appsDir) || readdirSync(appsDir).length === 0);
    const [server] = (await suite.agent.client.request(ListDatabaseServers, {})).servers;
    const { databases } = await suite.agent.client.request(ListDatabases, { serverId: server!.id });
    assert.ok(!databases.some((d) => d.name.startsWith(projectId)));
  }

  function deploy(branch: string, extra: Record<string, unknown> = {}) {
    return suite.agent.client.request(DeployApp, {
      environmentId: environment.id,
      name: `app ${branch}`.slice(0, 100),
      branch,
      ...extra,
    });
  }

  for (const branch of [
    '--upload-pack=touch /tmp/pwned',
    '-b',
    'a..b',
    'a b',
    'x;rm -rf /',
    'ref@{1}',
    'end/',
  ]) {
    it(`refuses the branch name ${JSON.stringify(branch)} without running anything`, async () => {
      const error = await rpcErrorOf(deploy(branch));
      assert.equal(error.code, ErrorCode.InvalidParams, error.message);
      await assertNothingLeft();
    });
  }

  it('treats shell syntax in a valid branch name as a literal name, never as a command', async () => {
    const error = await rpcErrorOf(deploy('$(touch${IFS}/tmp/paas-pwned)'));
    assert.equal(error.code, ErrorCode.NotFound);
    assert.deepEqual(error.data, { reason: 'GIT_REF_NOT_FOUND' });
    assert.ok(!existsSync('/tmp/paas-pwned') && !existsSync('/tmp/pwned'));
    await assertNothingLeft();
  });

  it('refuses registry URLs that are not https, ssh or file (git options, remote helpers)', async () => {
    for (const url of [
      '--upload-pack=x',
      'ext::sh -c id',
      'http://example.com/repo.git',
      '/tmp/repo',
      'fd::3',
    ]) {
      const error = await rpcErrorOf(
        suite.agent.client.request(UpdateProject, { projectId, registry: { url } }),
      );
      assert.equal(error.code, ErrorCode.InvalidParams, url);
    }
  });

  it('answers NotFound (GIT_REF_NOT_FOUND) for an unknown branch', async () => {
    const error = await rpcErrorOf(deploy('no-such-branch'));
    assert.equal(error.code, ErrorCode.NotFound);
    assert.deepEqual(error.data, { reason: 'GIT_REF_NOT_FOUND' });
    await assertNothingLeft();
  });

  it('answers Unavailable (GIT_UNREACHABLE) for a repository that cannot be read', async () => {
    const code = uniqueCode('bad');
    const error = await rpcErrorOf(
      suite.agent.client.request(CreateProject, {
        name: `Unreachable ${code}`,
        code,
        deploymentType: 'odoo',
        registry: { url: 'file:///nonexistent/repo.git', credentials: { kind: 'none' } },
        domainProvider: { kind: 'none' },
        plan: { tier: 'free', billing: 'monthly' },
        configuration: { odooVersion: '17.0', edition: 'community', excludedAddons: [] },
        firstEnvironment: { type: 'development', branch: 'main' },
      }),
    );
    assert.equal(error.code, ErrorCode.Unavailable);
    assert.deepEqual(error.data, { reason: 'GIT_UNREACHABLE' });
    const { projects } = await suite.agent.client.request(ListProjects, {});
    assert.ok(!projects.some((p) => p.code === code), 'the project was undone');
    assert.ok(!existsSync(join(suite.agent.dataDir, 'mirrors', `${code}.git`)));
  });

  it('answers Unavailable (DOCKER_IMAGE_MISSING) for an image that is not here and cannot be pulled', async () => {
    const error = await rpcErrorOf(deploy('main', { baseImage: 'paas-standin/no-such-image:1.0' }));
    assert.equal(error.code, ErrorCode.Unavailable, error.message);
    assert.deepEqual(error.data, { reason: 'DOCKER_IMAGE_MISSING' });
    await assertNothingLeft();
  });

  it('answers Conflict (PORT_IN_USE) for a public port another process holds', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const error = await rpcErrorOf(deploy('main', { port }));
      assert.equal(error.code, ErrorCode.Conflict, error.message);
      assert.deepEqual(error.data, { reason: 'PORT_IN_USE' });
      await assertNothingLeft();
    } finally {
      blocker.close();
    }
  });

  it('allows one production app per project and unique app names', async () => {
    const first = await deploy('main');
    const { job } = await waitJob(suite.agent.client, first.jobId);
    assert.equal(job.state, 'succeeded', describeJob(job));
    const second = await rpcErrorOf(
      suite.agent.client.request(DeployApp, { environmentId: environment.id, name: 'other', branch: 'main' }),
    );
    assert.equal(second.code, ErrorCode.Conflict);
    assert.match(second.message, /production/);
    const retry = await rpcErrorOf(suite.agent.client.request(RetryApp, { appId: first.app.id }));
    assert.equal(retry.code, ErrorCode.Conflict, 'retry only from error or canceled');
  });
});
