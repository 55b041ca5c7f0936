import type { Member, Organization } from '@paas/protocol';
import type { Db } from '../store/database';
import { inTransaction } from '../store/database';
import {
  listMembers,
  listMembershipsOfUser,
  saveMembership,
  type MembershipRecord,
} from '../store/memberships';
import {
  findOrganization,
  findOrganizationByName,
  findOrganizationCreatedBy,
  insertOrganization,
  type OrganizationRecord,
} from '../store/organizations';
import { publicUser, type UserRecord } from '../store/users';
import { conflict } from '../errors';
import { newId, nowIso } from '../ids';

/** The protocol view of an organization, as seen by a member with `role`. */
export function organizationView(organization: OrganizationRecord, role: Organization['role']): Organization {
  return {
    id: organization.id,
    name: organization.name,
    role,
    createdBy: organization.createdBy,
    createdAt: organization.createdAt,
  };
}

export function memberView(membership: MembershipRecord & { user: UserRecord }): Member {
  return { user: publicUser(membership.user), role: membership.role, joinedAt: membership.joinedAt };
}

/** Organizations and who belongs to them. */
export class OrganizationService {
  constructor(private readonly db: Db) {}

  /** The user's organizations with their role in each, oldest membership first. */
  organizationsOf(userId: string): Organization[] {
    return listMembershipsOfUser(this.db, userId).flatMap((membership) => {
      const organization = findOrganization(this.db, membership.organizationId);
      return organization ? [organizationView(organization, membership.role)] : [];
    });
  }

  /** Creates an organization with its creator as owner. Each user creates at most one. */
  create(userId: string, name: string): Organization {
    return inTransaction(this.db, () => {
      const own = findOrganizationCreatedBy(this.db, userId);
      if (own) {
        throw conflict(`you already created an organization ("${own.name}"); a user may create only one`, {
          reason: 'secondOrganization',
          organizationId: own.id,
        });
      }
      if (findOrganizationByName(this.db, name)) {
        throw conflict(`an organization named "${name}" exists`, { field: 'name' });
      }
      const organization: OrganizationRecord = { id: newId(), name, createdBy: userId, createdAt: nowIso() };
      insertOrganization(this.db, organization);
      saveMembership(this.db, { organizationId: organization.id, userId, role: 'owner', joinedAt: nowIso() });
      return organizationView(organization, 'owner');
    });
  }

  members(organizationId: string): Member[] {
    return listMembers(this.db, organizationId).map(memberView);
  }
}
