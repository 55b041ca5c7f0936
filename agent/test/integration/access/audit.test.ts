import { strict as assert } from 'node:assert';
import Database from 'better-sqlite3';
import {
  AcceptInvitation,
  CreateInvitation,
  CreateProject,
  CreateTeam,
  ErrorCode,
  ListAuditEntries,
  UpdateMemberRole,
  UpdateProject,
  type AuditEntry,
} from '@paas/protocol';
import { storePath } from '../../../src/store/database';
import { startAgentProcess, type AgentProcess } from '../../helpers/agentProcess';
import { TestClient, rpcErrorOf } from '../../helpers/client';
import { closeAll, cli, owner, person, projectParams, type Person } from '../../helpers/organization';

describe('audit log', function () {
  this.timeout(120_000);
  let agent: AgentProcess;
  let boss: Person;
  let viewer: Person;
  let projectId: string;
  const secrets: string[] = [];
  const people: Person[] = [];

  before(async () => {
    agent = await startAgentProcess();
    boss = await owner(agent);
    viewer = await person(agent, 'viewer', 'viewer@example.com');
    people.push(boss, viewer);
    secrets.push(boss.token, viewer.token);
    const registryToken = 'ghp_' + 'S3cr3t'.repeat(6);
    secrets.push(registryToken);
    const params = projectParams('Audited');
    const { project } = await boss.client.request(CreateProject, {
      ...params,
      registry: {
        url: params.registry.url,
        credentials: { kind: 'token', username: 'git', token: registryToken },
      },
    });
    projectId = project.id;
    for (let i = 1; i <= 5; i++) await boss.client.request(CreateTeam, { name: `Team ${i}`, userIds: [] });
    await boss.client.request(UpdateProject, { projectId, name: 'Audited, renamed' });
    await rpcErrorOf(viewer.client.request(UpdateMemberRole, { userId: viewer.userId, role: 'admin' }));
    cli(agent, 'user', 'create', '--email', 'joiner@example.com', '--name', 'Joiner');
    const joinerToken = cli(agent, 'token', 'create', '--name', 'joiner', '--user', 'joiner@example.com');
    secrets.push(joinerToken);
    const { invitationCode } = await boss.client.request(CreateInvitation, {
      email: 'joiner@example.com',
      role: 'viewer',
    });
    secrets.push(invitationCode);
    const joiner = await TestClient.open(agent.url, joinerToken);
    await joiner.request(AcceptInvitation, { invitationCode });
    await joiner.close();
  });

  after(async () => {
    await closeAll(people);
    await agent?.stop();
  });

  async function everyEntry(
    filters: Partial<Parameters<typeof boss.client.request<typeof ListAuditEntries>>[1]> = {},
  ) {
    const all: AuditEntry[] = [];
    let cursor: string | undefined;
    do {
      const page = await boss.client.request(ListAuditEntries, { ...filters, limit: 2, cursor });
      assert.ok(page.entries.length <= 2);
      all.push(...page.entries);
      cursor = page.nextCursor;
    } while (cursor);
    return all;
  }

  it('pages through the organization\u2019s log newest first, without gaps or repeats', async () => {
    const paged = await everyEntry();
    const whole = (await boss.client.request(ListAuditEntries, { limit: 500 })).entries;
    assert.deepEqual(
      paged.map((e) => e.id),
      whole.map((e) => e.id),
    );
    assert.deepEqual(
      [...whole.map((e) => e.id)].sort((a, b) => b - a),
      whole.map((e) => e.id),
    );
    assert.ok(whole.length >= 9);
  });

  it('records refusals with who, what, target, outcome, when and where', async () => {
    const refused = await everyEntry({ actor: viewer.userId });
    assert.equal(refused.length, 1);
    const entry = refused[0]!;
    assert.equal(entry.action, 'members/updateRole');
    assert.equal(entry.outcome, 'refused');
    assert.equal(entry.errorCode, ErrorCode.Forbidden);
    assert.equal(entry.target, `user:${viewer.userId}`);
    assert.equal(entry.actorUser?.email, viewer.email);
    assert.match(entry.source ?? '', /127\.0\.0\.1/);
    assert.ok(Date.parse(entry.at) <= Date.now());
  });

  it('filters by action (exact or prefix), target, project and time', async () => {
    const teams = await everyEntry({ action: 'teams/create' });
    assert.equal(teams.length, 5);
    assert.equal((await everyEntry({ action: 'teams/' })).length, 5);
    const onProject = await everyEntry({ projectId });
    assert.deepEqual(onProject.map((e) => e.action).sort(), ['projects/create', 'projects/update']);
    assert.equal((await everyEntry({ target: `project:${projectId}` })).length, 2);
    const middle = teams[2]!.at;
    const later = await everyEntry({ action: 'teams/create', from: middle });
    assert.ok(later.length >= 1 && later.every((e) => e.at >= middle));
    const earlier = await everyEntry({ action: 'teams/create', to: middle });
    assert.ok(earlier.every((e) => e.at < middle));
    assert.equal(later.length + earlier.length, 5);
  });

  it('is readable by Admin and Owner only', async () => {
    const refused = await rpcErrorOf(viewer.client.request(ListAuditEntries, {}));
    assert.equal(refused.code, ErrorCode.Forbidden);
    const onProject = await rpcErrorOf(viewer.client.request(ListAuditEntries, { projectId }));
    assert.equal(onProject.code, ErrorCode.NotFound, 'the viewer has no grant on the project');
  });

  it('holds no token, invitation code or registry secret', () => {
    const db = new Database(storePath(agent.dataDir), { readonly: true });
    try {
      const dump = JSON.stringify(db.prepare('SELECT * FROM audit_log').all());
      for (const secret of secrets) {
        // The secret of `paas_<id>_<secret>` may itself hold `_` (base64url): cut the prefix, not at `_`.
        const secretPart = secret.replace(/^paas_[a-z0-9]{12}_/, '');
        assert.ok(!dump.includes(secretPart), `the audit log holds ${secretPart.slice(0, 6)}…`);
      }
      assert.ok(dump.includes('[redacted]'));
    } finally {
      db.close();
    }
  });

  it('is append-only: SQLite refuses UPDATE and DELETE', () => {
    const db = new Database(storePath(agent.dataDir));
    try {
      assert.throws(() => db.prepare("UPDATE audit_log SET actor = 'someone else'").run(), /append-only/);
      assert.throws(() => db.prepare('DELETE FROM audit_log').run(), /append-only/);
    } finally {
      db.close();
    }
  });
});
