import assert from 'node:assert/strict';
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { ErrorCode, GetProject, ListApps, ListAuditEntries, ListProjects } from '@paas/protocol';
import { RUN_ID, registerCleanup, type TempRepo } from '@paas/scripts/out/src/testkit/index.js';
import { rpcErrorOf } from '../../helpers/client';
import { startGitHttps, type TestGitHttps } from '../../helpers/gitHttps';
import { addonRepo, createProject, describeJob, waitJob, useDeployAgent } from './deployKit';

const TOKEN = `tok-${RUN_ID}-never-shown`;

describe('deploy: a private repository over https with a token', function () {
  this.timeout(240_000);
  // The agent starts before this suite's own hooks: it is told where the CA will be written.
  const certDir = join(tmpdir(), `paastest-githttps-${RUN_ID}-${process.pid}`);
  const suite = useDeployAgent({ gitCaFile: join(certDir, 'cert.pem') });
  let server: TestGitHttps;
  let repo: TempRepo;
  let url: string;

  before(async () => {
    mkdirSync(certDir, { recursive: true });
    registerCleanup(() => rmSync(certDir, { recursive: true, force: true }), `remove ${certDir}`);
    repo = await addonRepo();
    server = await startGitHttps(certDir, dirname(repo.bareDir), { username: 'deploy', token: TOKEN });
    url = `${server.origin}/${basename(repo.bareDir)}`;
  });

  after(async () => {
    await server?.stop();
  });

  it('deploys with the token as a header; the token is in no URL, log, audit entry or answer', async () => {
    const { client } = suite.agent;
    const created = await createProject(client, repo, {
      branch: 'main',
      registry: { url, credentials: { kind: 'token', username: 'deploy', token: TOKEN } },
    });
    const { job } = await waitJob(client, created.jobId!);
    assert.equal(job.state, 'succeeded', describeJob(job));
    const projectId = created.project.id;
    const [app] = (await client.request(ListApps, { projectId, includeDisabled: false })).apps;
    assert.equal(app?.commitSha, await repo.head('main'));

    assert.ok(server.requests.some((r) => r.includes('git-upload-pack')));
    assert.ok(server.requests.every((r) => !r.includes(TOKEN)));
    const project = await client.request(GetProject, { projectId });
    assert.equal(project.project.registry.credentials, 'token');
    assert.ok(!JSON.stringify(project).includes(TOKEN));
    const audit = await client.request(ListAuditEntries, { projectId });
    assert.ok(!JSON.stringify(audit).includes(TOKEN));
    assert.ok(!suite.agent.agent.output().includes(TOKEN));
  });

  it('refuses a wrong token with GIT_AUTH and leaves nothing behind', async () => {
    const { client } = suite.agent;
    const before = (await client.request(ListProjects, {})).projects;
    const error = await rpcErrorOf(
      createProject(client, repo, {
        branch: 'main',
        registry: { url, credentials: { kind: 'token', username: 'deploy', token: 'wrong' } },
      }),
    );
    assert.equal(error.code, ErrorCode.Unavailable, error.message);
    assert.deepEqual(error.data, { reason: 'GIT_AUTH' });
    assert.deepEqual((await client.request(ListProjects, {})).projects, before);
  });
});
