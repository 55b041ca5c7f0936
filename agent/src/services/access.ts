import { ErrorCode, RpcError, highestRole, isAtLeast, type Role } from '@paas/protocol';
import type { Caller } from '../caller';
import type { Db } from '../store/database';
import { grantedRoles } from '../store/collaborators';
import { findMembership, listMembershipsOfUser } from '../store/memberships';
import { findProject } from '../store/projects';
import { isAgentAdmin } from '../store/users';

/**
 * Where an action happens: a project (and so its collaborators), or an organization as a whole. With
 * neither, the caller's only organization.
 */
export interface AccessScope {
  readonly projectId?: string;
  readonly organizationId?: string;
}

/** What the resolver found: the caller's role (none: no access at all) and where the scope lives. */
export interface Resolution {
  readonly role: Role | undefined;
  /** The organization the scope belongs to, when it exists. */
  readonly organizationId: string | undefined;
  readonly projectId: string | undefined;
}

/**
 * Answers "which role does this caller hold here?". Every authorization decision goes through it, so
 * the rules live in one place in the agent whatever a client shows or hides.
 */
export interface AccessResolver {
  resolve(caller: Caller, scope: AccessScope): Resolution;
  /** Whether the caller is an agent administrator: the agent-wide resources are theirs. Read afresh. */
  isAgentAdmin(caller: Caller): boolean;
}

/**
 * Roles from organization memberships and project grants.
 *
 * - Organization scope: the member's organization role.
 * - Project scope: the highest of the project roles granted to the user directly or through a team, and
 *   the organization role when it is Admin or Owner (they see every project of their organization).
 *   A member with no grant has no access to the project (it answers NotFound), and grants count only
 *   while the user is still a member of the project's organization.
 */
export class MembershipAccess implements AccessResolver {
  constructor(private readonly db: Db) {}

  isAgentAdmin(caller: Caller): boolean {
    return isAgentAdmin(this.db, caller.userId);
  }

  resolve(caller: Caller, scope: AccessScope): Resolution {
    if (scope.projectId !== undefined) return this.inProject(caller.userId, scope.projectId);
    const organizationId = scope.organizationId ?? this.defaultOrganization(caller.userId);
    if (organizationId === undefined) return { role: undefined, organizationId, projectId: undefined };
    return {
      role: findMembership(this.db, organizationId, caller.userId)?.role,
      organizationId,
      projectId: undefined,
    };
  }

  private inProject(userId: string, projectId: string): Resolution {
    const project = findProject(this.db, projectId);
    if (!project) return { role: undefined, organizationId: undefined, projectId };
    const organizationRole = findMembership(this.db, project.organizationId, userId)?.role;
    if (organizationRole === undefined) {
      return { role: undefined, organizationId: project.organizationId, projectId };
    }
    const roles = grantedRoles(this.db, projectId, userId);
    if (isAtLeast(organizationRole, 'admin')) roles.push(organizationRole);
    return { role: highestRole(roles), organizationId: project.organizationId, projectId };
  }

  /**
   * The caller's organization when the request names none: their only one. Members of several must
   * say which, so an action never lands in an organization they did not mean.
   */
  private defaultOrganization(userId: string): string | undefined {
    const memberships = listMembershipsOfUser(this.db, userId);
    if (memberships.length > 1) {
      throw new RpcError(
        ErrorCode.InvalidParams,
        `organizationId: required, you belong to ${memberships.length} organizations`,
        {
          issues: [
            { path: ['organizationId'], message: 'required when you belong to several organizations' },
          ],
        },
      );
    }
    return memberships[0]?.organizationId;
  }
}
