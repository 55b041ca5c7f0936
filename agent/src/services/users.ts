import type { Role } from '@paas/protocol';
import type { Db } from '../store/database';
import { inTransaction } from '../store/database';
import { findMembership, listMembers, saveMembership } from '../store/memberships';
import {
  claimOrganization,
  findOrganizationCreatedBy,
  type OrganizationRecord,
} from '../store/organizations';
import { findUserByEmail, insertUser, setAgentAdmin, type UserRecord } from '../store/users';
import { conflict } from '../errors';
import { newId, nowIso } from '../ids';

/**
 * The email of the user a bare `token create --name N --role R` makes: one user per token name, so the
 * same name reuses the user. Migration 3 derives emails the same way for tokens that existed before users.
 */
export function emailForTokenName(name: string): string {
  const local =
    name
      .toLowerCase()
      .replace(/[^a-z0-9.-]+/g, '-')
      .replace(/^[.-]+|[.-]+$/g, '') || 'token';
  return `${local.slice(0, 60)}@tokens.local`;
}

/** People, as the operator manages them from the agent's command line. */
export class UserService {
  constructor(private readonly db: Db) {}

  /** A new user; the email must be free. */
  create(email: string, displayName: string): UserRecord {
    if (findUserByEmail(this.db, email))
      throw conflict(`a user with email ${email} exists`, { field: 'email' });
    const user: UserRecord = { id: newId(), email: email.toLowerCase(), displayName, createdAt: nowIso() };
    insertUser(this.db, user);
    return user;
  }

  findByEmail(email: string): UserRecord | undefined {
    return findUserByEmail(this.db, email);
  }

  /** The user behind tokens of this name, made on first use. */
  ensureForTokenName(name: string): UserRecord {
    return this.findByEmail(emailForTokenName(name)) ?? this.create(emailForTokenName(name), name);
  }

  /** Makes the user a member of the organization with `role`, or changes the role they hold. */
  setRole(organizationId: string, userId: string, role: Role): void {
    const existing = findMembership(this.db, organizationId, userId);
    saveMembership(this.db, { organizationId, userId, role, joinedAt: existing?.joinedAt ?? nowIso() });
  }

  /**
   * The first owner of an agent's first organization: creates the user (or takes the existing one with
   * that email) and makes them its owner and creator, and an agent administrator (the agent-wide
   * resources are theirs). Refused once the organization has an owner.
   */
  initialize(organization: OrganizationRecord, email: string, displayName: string): UserRecord {
    return inTransaction(this.db, () => {
      if (listMembers(this.db, organization.id).some((member) => member.role === 'owner')) {
        throw conflict(`organization "${organization.name}" already has an owner`, { reason: 'initialized' });
      }
      const user = this.findByEmail(email) ?? this.create(email, displayName);
      this.setRole(organization.id, user.id, 'owner');
      setAgentAdmin(this.db, user.id, true);
      // The owner becomes its creator too, unless they already created another organization.
      if (!findOrganizationCreatedBy(this.db, user.id)) claimOrganization(this.db, organization.id, user.id);
      return user;
    });
  }
}
