import type { Member, Role } from '@paas/protocol';
import type { Db } from '../store/database';
import { inTransaction } from '../store/database';
import {
  countOwners,
  deleteMembership,
  findMembership,
  listMembers,
  saveMembership,
} from '../store/memberships';
import { assertHierarchy, conflict, notFound } from '../errors';
import { memberView } from './organizations';

/** Who is acting: their user id and their role in the organization. */
export interface Actor {
  readonly userId: string;
  readonly role: Role;
}

/** Changes to an organization's members, under the hierarchy rule and the last-owner rule. */
export class MemberService {
  constructor(private readonly db: Db) {}

  updateRole(organizationId: string, actor: Actor, userId: string, role: Role): Member {
    return inTransaction(this.db, () => {
      const current = this.membership(organizationId, userId);
      assertHierarchy(actor.role, { from: current.role, to: role }, 'cannot change this member\u2019s role');
      if (current.role === 'owner' && role !== 'owner') this.assertNotLastOwner(organizationId, 'demoted');
      saveMembership(this.db, { ...current, role });
      return this.view(organizationId, userId);
    });
  }

  /** Removes a member; a member may always remove themselves (leave), except the last owner. */
  remove(organizationId: string, actor: Actor, userId: string): void {
    inTransaction(this.db, () => {
      const current = this.membership(organizationId, userId);
      if (userId !== actor.userId)
        assertHierarchy(actor.role, { from: current.role }, 'cannot remove this member');
      if (current.role === 'owner') this.assertNotLastOwner(organizationId, 'removed and cannot leave');
      deleteMembership(this.db, organizationId, userId);
    });
  }

  private membership(organizationId: string, userId: string) {
    const membership = findMembership(this.db, organizationId, userId);
    if (!membership) throw notFound('member', userId);
    return membership;
  }

  private assertNotLastOwner(organizationId: string, what: string): void {
    if (countOwners(this.db, organizationId) <= 1) {
      throw conflict(`the last owner cannot be ${what}; make another member owner first`, {
        reason: 'lastOwner',
      });
    }
  }

  private view(organizationId: string, userId: string): Member {
    const member = listMembers(this.db, organizationId).find((m) => m.userId === userId);
    if (!member) throw notFound('member', userId);
    return memberView(member);
  }
}
