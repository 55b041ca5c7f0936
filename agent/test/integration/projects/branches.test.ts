import { strict as assert } from 'node:assert';
import { CreateProject, ErrorCode, ListRegistryBranches } from '@paas/protocol';
import { createTempRepo, type TempRepo } from '@paas/scripts/out/src/testkit/index.js';
import { startAgentProcess, type AgentProcess } from '../../helpers/agentProcess';
import { rpcErrorOf } from '../../helpers/client';
import { closeAll, everyRole, grant, projectParams, type Person } from '../../helpers/organization';

describe('projects/branches: a registry\u2019s branches for the branch pickers', function () {
  this.timeout(60_000);
  let agent: AgentProcess;
  let people: Record<'owner' | 'admin' | 'developerPlus' | 'developer' | 'viewer', Person>;
  let repo: TempRepo;
  let projectId: string;

  before(async () => {
    agent = await startAgentProcess();
    people = await everyRole(agent);
    repo = await createTempRepo({ branches: ['feature/login', 'staging'] });
    const params = projectParams('Branches fixture');
    const { project } = await people.owner.client.request(CreateProject, {
      ...params,
      registry: { url: repo.url, credentials: { kind: 'none' } },
    });
    projectId = project.id;
    await grant(people.owner.client, projectId, people.viewer.email, 'viewer');
  });

  after(async () => {
    if (people) await closeAll(Object.values(people));
    await agent?.stop();
  });

  it('lists a URL\u2019s branches, sorted, for a caller who may create projects', async () => {
    const { branches } = await people.admin.client.request(ListRegistryBranches, { registryUrl: repo.url });
    assert.deepEqual(branches, ['feature/login', 'main', 'staging']);
  });

  it('lists a project\u2019s own registry for anyone who sees its apps', async () => {
    await repo.createBranch('hotfix');
    const { branches } = await people.viewer.client.request(ListRegistryBranches, { projectId });
    assert.deepEqual(branches, ['feature/login', 'hotfix', 'main', 'staging']);
  });

  it('refuses a URL to a caller who may not create projects, without reading it', async () => {
    const error = await rpcErrorOf(
      people.developer.client.request(ListRegistryBranches, { registryUrl: repo.url }),
    );
    assert.equal(error.code, ErrorCode.Forbidden);
  });

  it('answers Unavailable for an unreadable repository and InvalidParams for an unsafe URL', async () => {
    const unreadable = await rpcErrorOf(
      people.admin.client.request(ListRegistryBranches, { registryUrl: 'file:///nonexistent/repo.git' }),
    );
    assert.equal(unreadable.code, ErrorCode.Unavailable);
    const unsafe = await rpcErrorOf(
      people.admin.client.request(ListRegistryBranches, { registryUrl: 'ext::sh -c touch% /tmp/x' }),
    );
    assert.equal(unsafe.code, ErrorCode.InvalidParams);
  });
});
