import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ErrorCode, GetProject, ListApps, ListAuditEntries, ListProjects } from '@paas/protocol';
import {
  dockerClient,
  httpRequest,
  makeTempDir,
  type TempRepo,
} from '@paas/scripts/out/src/testkit/index.js';
import { rpcErrorOf } from '../../helpers/client';
import { startSshd, type TestSshd } from '../../helpers/sshd';
import { addonRepo, createProject, describeJob, waitJob, useDeployAgent } from './deployKit';

/** The base64 body lines of a private key: none of them may appear anywhere the agent writes or answers. */
function secretLines(privateKey: string): string[] {
  return privateKey.split('\n').filter((line) => line.length >= 20 && !line.startsWith('-----'));
}

function assertNoSecret(where: string, text: string, privateKey: string): void {
  for (const line of secretLines(privateKey))
    assert.ok(!text.includes(line), `the private key is in ${where}`);
}

describe('deploy: a private repository over ssh with a deploy key', function () {
  this.timeout(240_000);
  const suite = useDeployAgent();
  let sshd: TestSshd;
  let repo: TempRepo;
  let url: string;

  before(async () => {
    repo = await addonRepo({ paas_demo: { version: '1.0.0', files: { PAAS_REVISION: 'private' } } });
    sshd = await startSshd(await makeTempDir('sshd'), { git: true });
    url = `ssh://${sshd.username}@127.0.0.1:${sshd.port}${repo.bareDir}`;
  });

  after(async () => {
    await sshd?.stop();
  });

  /** No deploy key file is left in the agent's scratch directory. */
  function assertNoKeyFileLeft(): void {
    const scratch = join(suite.agent.dataDir, 'tmp');
    const left = existsSync(scratch) ? readdirSync(scratch).filter((name) => name.startsWith('ssh-')) : [];
    assert.deepEqual(left, []);
  }

  it('deploys a branch with the key; the key is nowhere in logs, audit, answers or files', async () => {
    const { client } = suite.agent;
    const privateKey = sshd.privateKey;
    const created = await createProject(client, repo, {
      branch: 'main',
      registry: { url, credentials: { kind: 'deployKey', privateKey } },
    });
    const { job, steps } = await waitJob(client, created.jobId!);
    assert.equal(job.state, 'succeeded', describeJob(job) + steps.map((s) => s.log).join('\n'));
    const projectId = created.project.id;
    const [app] = (await client.request(ListApps, { projectId, includeDisabled: false })).apps;
    assert.equal(app?.commitSha, await repo.head('main'));
    const state = await httpRequest(`${app.url}/paas-test/state`);
    assert.equal(JSON.parse(state.body).revision, 'private');

    // The host key was accepted on first use and pinned in the agent's own known_hosts.
    const knownHosts = join(suite.agent.dataDir, 'ssh_known_hosts');
    const found = execFileSync('ssh-keygen', ['-F', `[127.0.0.1]:${sshd.port}`, '-f', knownHosts], {
      encoding: 'utf8',
    });
    assert.match(found, / ssh-ed25519 /);
    assertNoKeyFileLeft();

    const project = await client.request(GetProject, { projectId });
    assert.equal(project.project.registry.credentials, 'deployKey');
    assertNoSecret('projects/get', JSON.stringify(project), privateKey);
    const audit = await client.request(ListAuditEntries, { projectId });
    assert.ok(audit.entries.some((e) => e.action === 'projects/create'));
    assertNoSecret('the audit log', JSON.stringify(audit), privateKey);
    assertNoSecret("the agent's output", suite.agent.agent.output(), privateKey);
  });

  it('refuses a wrong key with GIT_AUTH and leaves nothing behind', async () => {
    const { client } = suite.agent;
    const dir = await makeTempDir('wrongkey');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'key')]);
    const wrongKey = readFileSync(join(dir, 'key'), 'utf8');
    const projectsBefore = (await client.request(ListProjects, {})).projects;
    const mirrorsBefore = readdirSync(join(suite.agent.dataDir, 'mirrors'));

    const error = await rpcErrorOf(
      createProject(client, repo, {
        branch: 'main',
        registry: { url, credentials: { kind: 'deployKey', privateKey: wrongKey } },
      }),
    );
    assert.equal(error.code, ErrorCode.Unavailable, error.message);
    assert.deepEqual(error.data, { reason: 'GIT_AUTH' });
    assert.match(error.message, /refused the credentials.*Permission denied \(publickey\)/s);

    assert.deepEqual((await client.request(ListProjects, {})).projects, projectsBefore);
    assert.deepEqual(readdirSync(join(suite.agent.dataDir, 'mirrors')), mirrorsBefore);
    const containers = await dockerClient().listContainers({ all: true });
    const ours = new Set(projectsBefore.map((p) => p.id));
    assert.ok(
      containers.every((c) => !c.Labels['sh.paas.project'] || ours.has(c.Labels['sh.paas.project'])),
      'no container of the refused project',
    );
    assertNoKeyFileLeft();
    assertNoSecret("the agent's output", suite.agent.agent.output(), wrongKey);
  });
});
