import { strict as assert } from 'node:assert';
import {
  AcceptInvitation,
  CreateInvitation,
  ErrorCode,
  ListInvitations,
  ListMembers,
  RevokeInvitation,
} from '@paas/protocol';
import { TestClient, rpcErrorOf } from '../../helpers/client';
import { cli, person, useOwnedAgent, type Person } from '../../helpers/organization';

function reasonOf(error: { data?: unknown }): string | undefined {
  return (error.data as { reason?: string } | undefined)?.reason;
}

describe('invitations', function () {
  this.timeout(120_000);
  const org = useOwnedAgent();

  /** A user without an organization, with a token and a connection. */
  async function outsider(email: string): Promise<Person> {
    cli(org.agent, 'user', 'create', '--email', email, '--name', email);
    const token = cli(org.agent, 'token', 'create', '--name', `token-${email}`, '--user', email);
    const client = await TestClient.connect(org.agent.url, token);
    const { caller } = await client.initialize();
    assert.equal(caller.permissions, undefined, 'no organization, no permissions');
    const p = { email, role: 'viewer' as const, token, client, userId: caller.user.id };
    org.people.push(p);
    return p;
  }

  it('joins the organization with the invited role, once', async () => {
    const created = await org.boss.client.request(CreateInvitation, {
      email: 'Dev@Example.com',
      role: 'developer',
    });
    assert.equal(created.invitation.email, 'dev@example.com');
    assert.equal(created.invitation.state, 'pending');
    assert.match(created.invitationCode, /^[A-Za-z0-9_-]{43}$/);
    const listed = await org.boss.client.request(ListInvitations, {});
    assert.deepEqual(
      listed.invitations.map((i) => i.id),
      [created.invitation.id],
    );
    assert.ok(!JSON.stringify(listed).includes(created.invitationCode), 'the list never shows the code');
    const dev = await outsider('dev@example.com');
    const joined = await dev.client.request(AcceptInvitation, { invitationCode: created.invitationCode });
    assert.equal(joined.organization.role, 'developer');
    const { members } = await org.boss.client.request(ListMembers, {});
    assert.equal(members.find((m) => m.user.email === 'dev@example.com')?.role, 'developer');
    const reused = await rpcErrorOf(
      dev.client.request(AcceptInvitation, { invitationCode: created.invitationCode }),
    );
    assert.equal(reused.code, ErrorCode.Conflict);
    assert.equal(reasonOf(reused), 'invitationUsed');
    const all = await org.boss.client.request(ListInvitations, { state: 'all' });
    assert.equal(all.invitations.find((i) => i.id === created.invitation.id)?.state, 'accepted');
  });

  it('refuses revoked codes, unknown codes, other emails and inviting above one\u2019s role', async () => {
    const created = await org.boss.client.request(CreateInvitation, {
      email: 'late@example.com',
      role: 'viewer',
    });
    const late = await outsider('late@example.com');
    const stranger = await outsider('stranger@example.com');
    const wrongEmail = await rpcErrorOf(
      stranger.client.request(AcceptInvitation, { invitationCode: created.invitationCode }),
    );
    assert.equal(wrongEmail.code, ErrorCode.Conflict);
    assert.equal(reasonOf(wrongEmail), 'invitationEmail');
    const again = await rpcErrorOf(
      org.boss.client.request(CreateInvitation, { email: 'late@example.com', role: 'viewer' }),
    );
    assert.equal(reasonOf(again), 'pendingInvitation');
    await org.boss.client.request(RevokeInvitation, { invitationId: created.invitation.id });
    const revoked = await rpcErrorOf(
      late.client.request(AcceptInvitation, { invitationCode: created.invitationCode }),
    );
    assert.equal(reasonOf(revoked), 'invitationRevoked');
    const unknown = await rpcErrorOf(
      late.client.request(AcceptInvitation, { invitationCode: 'x'.repeat(43) }),
    );
    assert.equal(unknown.code, ErrorCode.NotFound);
    const admin = await person(org.agent, 'admin', 'admin@example.com');
    org.people.push(admin);
    const escalation = await rpcErrorOf(
      admin.client.request(CreateInvitation, { email: 'boss2@example.com', role: 'owner' }),
    );
    assert.equal(escalation.code, ErrorCode.Forbidden);
    assert.equal(reasonOf(escalation), 'hierarchy');
    const member = await rpcErrorOf(
      org.boss.client.request(CreateInvitation, { email: 'admin@example.com', role: 'viewer' }),
    );
    assert.equal(reasonOf(member), 'alreadyMember');
  });
});

describe('invitation expiry', function () {
  this.timeout(60_000);
  // A one-second lifetime: the agent's clock moves past the expiry within the test.
  const org = useOwnedAgent({ env: { PAAS_AGENT_INVITATION_TTL_SECONDS: '1' } });

  it('refuses an expired code, lists it as expired and lets a new invitation replace it', async () => {
    const created = await org.boss.client.request(CreateInvitation, {
      email: 'slow@example.com',
      role: 'viewer',
    });
    cli(org.agent, 'user', 'create', '--email', 'slow@example.com', '--name', 'Slow');
    const token = cli(org.agent, 'token', 'create', '--name', 'slow', '--user', 'slow@example.com');
    const slow = await TestClient.open(org.agent.url, token);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const expired = await rpcErrorOf(
      slow.request(AcceptInvitation, { invitationCode: created.invitationCode }),
    );
    assert.equal(expired.code, ErrorCode.Conflict);
    assert.equal(reasonOf(expired), 'invitationExpired');
    const listed = await org.boss.client.request(ListInvitations, { state: 'expired' });
    assert.deepEqual(
      listed.invitations.map((i) => i.id),
      [created.invitation.id],
    );
    const replacement = await org.boss.client.request(CreateInvitation, {
      email: 'slow@example.com',
      role: 'viewer',
    });
    const joined = await slow.request(AcceptInvitation, { invitationCode: replacement.invitationCode });
    assert.equal(joined.organization.role, 'viewer');
    await slow.close();
  });
});
