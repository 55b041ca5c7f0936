import type { Invitation, Organization, Role } from '@paas/protocol';
import type { Db } from '../store/database';
import { inTransaction } from '../store/database';
import {
  decideInvitation,
  findInvitation,
  findInvitationByCodeHash,
  findPendingInvitation,
  insertInvitation,
  listInvitations,
  type InvitationRecord,
} from '../store/invitations';
import { findMembership, listMembers, saveMembership } from '../store/memberships';
import { findOrganization } from '../store/organizations';
import { findUser, publicUser } from '../store/users';
import { assertHierarchy, conflict, notFound } from '../errors';
import { newId } from '../ids';
import type { Clock } from './clock';
import type { Actor } from './members';
import { organizationView } from './organizations';
import { hashSecret, newSecret } from './tokens';

/** Seven days: long enough to reach someone on holiday, short enough that stale codes die. */
export const DEFAULT_INVITATION_TTL_SECONDS = 7 * 24 * 3600;

/** The state a reader sees: a pending invitation past its expiry is expired, whatever is stored. */
export function effectiveState(
  record: Pick<InvitationRecord, 'state' | 'expiresAt'>,
  now: Date,
): Invitation['state'] {
  return record.state === 'pending' && Date.parse(record.expiresAt) <= now.getTime()
    ? 'expired'
    : record.state;
}

/**
 * Invitations to an organization: a one-time code with an expiry, stored hashed. The code is returned to
 * the inviter once, to pass on (see the Mailer seam for delivery).
 */
export class InvitationService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly ttlSeconds: number = DEFAULT_INVITATION_TTL_SECONDS,
  ) {}

  create(
    organizationId: string,
    inviter: Actor,
    email: string,
    role: Role,
  ): { invitation: Invitation; code: string } {
    assertHierarchy(inviter.role, { to: role }, `cannot invite as ${role}`);
    return inTransaction(this.db, () => {
      if (listMembers(this.db, organizationId).some((member) => member.user.email === email)) {
        throw conflict(`${email} is already a member of this organization`, { reason: 'alreadyMember' });
      }
      const now = this.clock.now();
      const pending = findPendingInvitation(this.db, organizationId, email);
      if (pending && effectiveState(pending, now) === 'pending') {
        throw conflict(`a pending invitation for ${email} exists; revoke it first`, {
          reason: 'pendingInvitation',
        });
      }
      // A pending row past its expiry is settled now so the new invitation can take its place.
      if (pending) decideInvitation(this.db, pending.id, { state: 'expired', at: now.toISOString() });
      const code = newSecret();
      const record: InvitationRecord = {
        id: newId(),
        organizationId,
        email,
        role,
        codeHash: hashSecret(code),
        state: 'pending',
        invitedBy: inviter.userId,
        acceptedBy: null,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + this.ttlSeconds * 1000).toISOString(),
        decidedAt: null,
      };
      insertInvitation(this.db, record);
      return { invitation: this.view(record), code };
    });
  }

  list(organizationId: string, state: Invitation['state'] | 'all'): Invitation[] {
    const all = listInvitations(this.db, organizationId).map((record) => this.view(record));
    return state === 'all' ? all : all.filter((invitation) => invitation.state === state);
  }

  get(invitationId: string): InvitationRecord {
    const record = findInvitation(this.db, invitationId);
    if (!record) throw notFound('invitation', invitationId);
    return record;
  }

  /** Revokes a pending invitation; the revoker must be allowed to grant its role. */
  revoke(invitationId: string, actor: Actor): Invitation {
    return inTransaction(this.db, () => {
      const record = this.get(invitationId);
      assertHierarchy(actor.role, { from: record.role }, 'cannot revoke this invitation');
      this.assertPending(record);
      decideInvitation(this.db, record.id, { state: 'revoked', at: this.clock.now().toISOString() });
      return this.view(this.get(invitationId));
    });
  }

  /** Joins the organization with the invited role. The caller's email must be the invited one. */
  accept(code: string, userId: string): Organization {
    return inTransaction(this.db, () => {
      const record = findInvitationByCodeHash(this.db, hashSecret(code));
      if (!record) throw notFound('invitation', 'code');
      this.assertPending(record);
      const user = findUser(this.db, userId);
      if (user?.email !== record.email) {
        throw conflict('this invitation was sent to a different email address', {
          reason: 'invitationEmail',
        });
      }
      if (findMembership(this.db, record.organizationId, userId)) {
        throw conflict('you are already a member of this organization', { reason: 'alreadyMember' });
      }
      const now = this.clock.now().toISOString();
      saveMembership(this.db, {
        organizationId: record.organizationId,
        userId,
        role: record.role,
        joinedAt: now,
      });
      decideInvitation(this.db, record.id, { state: 'accepted', acceptedBy: userId, at: now });
      const organization = findOrganization(this.db, record.organizationId);
      if (!organization) throw notFound('organization', record.organizationId);
      return organizationView(organization, record.role);
    });
  }

  /** Throws the precise reason an invitation can no longer be used. */
  private assertPending(record: InvitationRecord): void {
    const state = effectiveState(record, this.clock.now());
    if (state === 'accepted')
      throw conflict('this invitation was already used', { reason: 'invitationUsed' });
    if (state === 'revoked') throw conflict('this invitation was revoked', { reason: 'invitationRevoked' });
    if (state === 'expired') {
      throw conflict(`this invitation expired at ${record.expiresAt}`, { reason: 'invitationExpired' });
    }
  }

  private view(record: InvitationRecord): Invitation {
    const person = (id: string | null) => {
      const user = id === null ? undefined : findUser(this.db, id);
      return user ? publicUser(user) : null;
    };
    return {
      id: record.id,
      organizationId: record.organizationId,
      email: record.email,
      role: record.role,
      state: effectiveState(record, this.clock.now()),
      invitedBy: person(record.invitedBy),
      acceptedBy: person(record.acceptedBy),
      createdAt: record.createdAt,
      expiresAt: record.expiresAt,
    };
  }
}
