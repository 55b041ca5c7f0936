import { strict as assert } from 'node:assert';
import {
  AddCollaborator,
  ListCollaborators,
  CreateOrganization,
  CreateProject,
  CreateTeam,
  ErrorCode,
  GetProject,
  ListMembers,
  ListOrganizations,
  ListProjects,
  RemoveMember,
  UpdateCollaborator,
  UpdateMemberRole,
  UpdateTeam,
  permissionsOf,
  type Role,
} from '@paas/protocol';
import { startAgentProcess, type AgentProcess } from '../../helpers/agentProcess';
import { TestClient, rpcErrorOf } from '../../helpers/client';
import { cli, closeAll, everyRole, person, projectParams, type Person } from '../../helpers/organization';

describe('organizations, members, teams and collaborators', function () {
  this.timeout(120_000);
  let agent: AgentProcess;
  let people: Record<Role, Person>;
  const extra: Person[] = [];

  before(async () => {
    agent = await startAgentProcess();
    people = await everyRole(agent);
  });

  after(async () => {
    if (people) await closeAll([...Object.values(people), ...extra]);
    await agent?.stop();
  });

  it('tells the caller who they are and what they may do at initialize', async () => {
    const client = await TestClient.connect(agent.url, people.developer.token);
    const { caller } = await client.initialize();
    await client.close();
    assert.equal(caller.user.email, 'developer@example.com');
    assert.equal(caller.organizations.length, 1);
    assert.equal(caller.organizations[0]!.role, 'developer');
    assert.deepEqual(caller.permissions, permissionsOf('developer'));
    assert.equal(caller.agentAdministrator, false);
    const boss = await TestClient.connect(agent.url, people.owner.token);
    const { caller: first } = await boss.initialize();
    await boss.close();
    assert.equal(first.agentAdministrator, true, 'the first owner (init) is an agent administrator');
  });

  it('keeps `token create --name --role` working: the token gets a user with that role', async () => {
    const token = agent.createToken('developerPlus', 'legacy-ci');
    const client = await TestClient.connect(agent.url, token);
    const { caller } = await client.initialize();
    await client.close();
    assert.equal(caller.tokenName, 'legacy-ci');
    assert.equal(caller.user.email, 'legacy-ci@tokens.local');
    assert.deepEqual(caller.permissions, permissionsOf('developerPlus'));
  });

  it('lets a user create one organization, refuses a second and duplicate names', async () => {
    const founder = await person(agent, 'viewer', 'founder@example.com');
    extra.push(founder);
    // By default (`organizationCreation: admins`) only agent administrators create organizations.
    const refused = await rpcErrorOf(founder.client.request(CreateOrganization, { name: 'Founder Ltd' }));
    assert.equal(refused.code, ErrorCode.Forbidden);
    assert.match(refused.message, /agent administrator/);
    cli(agent, 'admin', 'grant', 'founder@example.com');
    cli(agent, 'admin', 'grant', 'viewer@example.com');
    const { organization } = await founder.client.request(CreateOrganization, { name: 'Founder Ltd' });
    assert.equal(organization.role, 'owner');
    const second = await rpcErrorOf(founder.client.request(CreateOrganization, { name: 'Second Ltd' }));
    assert.equal(second.code, ErrorCode.Conflict);
    assert.match(second.message, /already created an organization/);
    assert.deepEqual((second.data as { reason: string }).reason, 'secondOrganization');
    const duplicate = await rpcErrorOf(
      people.viewer.client.request(CreateOrganization, { name: 'Founder Ltd' }),
    );
    assert.equal(duplicate.code, ErrorCode.Conflict);
    assert.match(duplicate.message, /named "Founder Ltd" exists/);
    const { organizations } = await founder.client.request(ListOrganizations, {});
    assert.deepEqual(organizations.map((o) => o.role).sort(), ['owner', 'viewer']);
    // A member of two organizations must say which one an organization-wide request is for.
    const ambiguous = await rpcErrorOf(founder.client.request(ListMembers, {}));
    assert.equal(ambiguous.code, ErrorCode.InvalidParams);
  });

  it('applies the hierarchy rule to role changes and removals', async () => {
    const admin = people.admin.client;
    const escalate = await rpcErrorOf(
      admin.request(UpdateMemberRole, { userId: people.admin.userId, role: 'owner' }),
    );
    assert.equal(escalate.code, ErrorCode.Forbidden);
    assert.equal((escalate.data as { reason: string }).reason, 'hierarchy');
    const demoteOwner = await rpcErrorOf(
      admin.request(UpdateMemberRole, { userId: people.owner.userId, role: 'viewer' }),
    );
    assert.equal(demoteOwner.code, ErrorCode.Forbidden);
    const removeOwner = await rpcErrorOf(admin.request(RemoveMember, { userId: people.owner.userId }));
    assert.equal(removeOwner.code, ErrorCode.Forbidden);
    const byDeveloper = await rpcErrorOf(
      people.developer.client.request(UpdateMemberRole, { userId: people.viewer.userId, role: 'developer' }),
    );
    assert.equal(byDeveloper.code, ErrorCode.Forbidden);
    const { members } = await admin.request(ListMembers, {});
    assert.equal(members.find((m) => m.user.id === people.owner.userId)?.role, 'owner', 'nothing changed');
    const promoted = await admin.request(UpdateMemberRole, {
      userId: people.viewer.userId,
      role: 'developer',
    });
    assert.equal(promoted.member.role, 'developer');
    await admin.request(UpdateMemberRole, { userId: people.viewer.userId, role: 'viewer' });
  });

  it('keeps the last owner: no demotion, no leaving, until another owner exists', async () => {
    const owner = people.owner.client;
    const demote = await rpcErrorOf(
      owner.request(UpdateMemberRole, { userId: people.owner.userId, role: 'admin' }),
    );
    assert.equal(demote.code, ErrorCode.Conflict);
    assert.equal((demote.data as { reason: string }).reason, 'lastOwner');
    const leave = await rpcErrorOf(owner.request(RemoveMember, { userId: people.owner.userId }));
    assert.equal(leave.code, ErrorCode.Conflict);
    const deputy = await person(agent, 'viewer', 'deputy@example.com');
    extra.push(deputy);
    await owner.request(UpdateMemberRole, { userId: deputy.userId, role: 'owner' });
    await deputy.client.request(RemoveMember, { userId: deputy.userId });
    const { members } = await owner.request(ListMembers, {});
    assert.ok(!members.some((m) => m.user.id === deputy.userId), 'the second owner could leave');
  });

  it('answers unknown ids with NotFound and duplicate team names with Conflict', async () => {
    const admin = people.admin.client;
    for (const request of [
      admin.request(UpdateMemberRole, { userId: 'nosuchuser', role: 'viewer' }),
      admin.request(UpdateTeam, { teamId: 'nosuchteam', name: 'x' }),
      admin.request(UpdateCollaborator, { collaboratorId: 'nosuchgrant', role: 'viewer' }),
      admin.request(GetProject, { projectId: 'nosuchproject' }),
    ])
      assert.equal((await rpcErrorOf(request)).code, ErrorCode.NotFound);
    await admin.request(CreateTeam, { name: 'Twins', userIds: [] });
    const duplicate = await rpcErrorOf(admin.request(CreateTeam, { name: 'Twins', userIds: [] }));
    assert.equal(duplicate.code, ErrorCode.Conflict);
    const outsider = await rpcErrorOf(
      admin.request(CreateTeam, { name: 'Strangers', userIds: ['nosuchuser'] }),
    );
    assert.equal(outsider.code, ErrorCode.NotFound);
  });

  it('gives project access only through a grant, directly or via a team', async () => {
    const admin = people.admin.client;
    const { project } = await admin.request(CreateProject, projectParams('Team access'));
    const developer = people.developer.client;
    const hidden = await rpcErrorOf(developer.request(GetProject, { projectId: project.id }));
    assert.equal(hidden.code, ErrorCode.NotFound);
    assert.ok(!(await developer.request(ListProjects, {})).projects.some((p) => p.id === project.id));
    const { team } = await admin.request(CreateTeam, {
      name: 'Builders',
      userIds: [people.developer.userId],
    });
    await admin.request(AddCollaborator, {
      projectId: project.id,
      grantee: { kind: 'team', teamId: team.id },
      role: 'developer',
    });
    assert.equal((await developer.request(GetProject, { projectId: project.id })).project.id, project.id);
    assert.ok((await developer.request(ListProjects, {})).projects.some((p) => p.id === project.id));
    await admin.request(UpdateTeam, { teamId: team.id, removeUserIds: [people.developer.userId] });
    assert.equal(
      (await rpcErrorOf(developer.request(GetProject, { projectId: project.id }))).code,
      ErrorCode.NotFound,
    );
  });

  it('lists the owner and admins, who reach a project through the organization, beside its grants', async () => {
    const { project } = await people.admin.client.request(CreateProject, projectParams('No grants'));
    const listed = await people.admin.client.request(ListCollaborators, { projectId: project.id });
    assert.deepEqual(listed.collaborators, []);
    const byRole = listed.organizationAccess.map((o) => `${o.role}:${o.user.id}`);
    assert.ok(byRole.includes(`owner:${people.owner.userId}`), byRole.join());
    assert.ok(byRole.includes(`admin:${people.admin.userId}`), byRole.join());
    assert.ok(!listed.organizationAccess.some((o) => o.user.id === people.developer.userId));
    assert.equal(listed.organizationAccess[0]!.role, 'owner', 'owners first');
  });

  it('refuses to grant a project role above the granter\u2019s own', async () => {
    const admin = people.admin.client;
    const { project } = await admin.request(CreateProject, projectParams('Delegation'));
    await admin.request(AddCollaborator, {
      projectId: project.id,
      grantee: { kind: 'user', email: people.developer.email },
      role: 'admin',
    });
    // A project admin (organization developer) manages collaborators, but cannot grant above admin...
    const viaProjectAdmin = await people.developer.client.request(AddCollaborator, {
      projectId: project.id,
      grantee: { kind: 'user', email: people.viewer.email },
      role: 'developerPlus',
    });
    assert.equal(viaProjectAdmin.collaborator.role, 'developerPlus');
    // ...and a developerPlus collaborator cannot manage collaborators at all.
    const refused = await rpcErrorOf(
      people.viewer.client.request(UpdateCollaborator, {
        collaboratorId: viaProjectAdmin.collaborator.id,
        role: 'admin',
      }),
    );
    assert.equal(refused.code, ErrorCode.Forbidden);
    const duplicate = await rpcErrorOf(
      admin.request(AddCollaborator, {
        projectId: project.id,
        grantee: { kind: 'user', email: people.viewer.email },
        role: 'viewer',
      }),
    );
    assert.equal(duplicate.code, ErrorCode.Conflict);
  });
});
