import {
  ErrorCode,
  RpcError,
  type AddCollaborator,
  type Collaborator,
  type ParamsOf,
  type Role,
  type User,
} from '@paas/protocol';
import type { Db } from '../store/database';
import { inTransaction } from '../store/database';
import {
  deleteCollaborator,
  findCollaborator,
  findGrant,
  insertCollaborator,
  listCollaborators,
  seatHolders,
  updateCollaboratorRole,
  type CollaboratorRecord,
} from '../store/collaborators';
import { findMembership, listMembers } from '../store/memberships';
import { findProject } from '../store/projects';
import { findTeam, listTeamMembers } from '../store/teams';
import { findUser, findUserByEmail, publicUser } from '../store/users';
import { assertHierarchy, conflict, notFound } from '../errors';
import { newId, nowIso } from '../ids';
import type { PlanService } from './plans';

type Grantee = ParamsOf<typeof AddCollaborator>['grantee'];

/**
 * A project's collaborators: organization members and teams holding a project-level role. Granting and
 * changing roles follow the hierarchy rule against the actor's own role on the project; every user with
 * a grant takes a seat of the project's plan.
 */
export class CollaboratorService {
  constructor(
    private readonly db: Db,
    private readonly plans: PlanService,
  ) {}

  list(projectId: string): Collaborator[] {
    return listCollaborators(this.db, projectId).map((record) => this.view(record));
  }

  /** The organization's Owners, then Admins: they reach every project of it without a grant. */
  organizationAccess(projectId: string): { user: User; role: 'owner' | 'admin' }[] {
    const project = findProject(this.db, projectId);
    if (!project) throw notFound('project', projectId);
    const members = listMembers(this.db, project.organizationId);
    return (['owner', 'admin'] as const).flatMap((role) =>
      members.filter((m) => m.role === role).map((m) => ({ user: publicUser(m.user), role })),
    );
  }

  get(collaboratorId: string): CollaboratorRecord {
    const record = findCollaborator(this.db, collaboratorId);
    if (!record) throw notFound('collaborator', collaboratorId);
    return record;
  }

  add(projectId: string, actorRole: Role, grantee: Grantee, role: CollaboratorRecord['role']): Collaborator {
    assertHierarchy(actorRole, { to: role }, `cannot grant ${role}`);
    return inTransaction(this.db, () => {
      const project = findProject(this.db, projectId);
      if (!project) throw notFound('project', projectId);
      const target = this.resolveGrantee(project.organizationId, grantee);
      if (findGrant(this.db, projectId, target)) {
        throw conflict(`${target.label} is already a collaborator of this project`, { reason: 'duplicate' });
      }
      const seats = new Set([...seatHolders(this.db, projectId), ...target.userIds]);
      this.plans.assertWithin(projectId, 'includedSeats', seats.size);
      const record: CollaboratorRecord = {
        id: newId(),
        projectId,
        userId: target.userId,
        teamId: target.teamId,
        role,
        createdAt: nowIso(),
      };
      insertCollaborator(this.db, record);
      return this.view(record);
    });
  }

  update(collaboratorId: string, actorRole: Role, role: CollaboratorRecord['role']): Collaborator {
    return inTransaction(this.db, () => {
      const record = this.get(collaboratorId);
      assertHierarchy(
        actorRole,
        { from: record.role, to: role },
        'cannot change this collaborator\u2019s role',
      );
      updateCollaboratorRole(this.db, record.id, role);
      return this.view({ ...record, role });
    });
  }

  remove(collaboratorId: string, actorRole: Role): void {
    inTransaction(this.db, () => {
      const record = this.get(collaboratorId);
      assertHierarchy(actorRole, { from: record.role }, 'cannot remove this collaborator');
      deleteCollaborator(this.db, record.id);
    });
  }

  /** The user (an organization member, by email) or the organization's team a grant is for. */
  private resolveGrantee(organizationId: string, grantee: Grantee) {
    if (grantee.kind === 'team') {
      const team = findTeam(this.db, grantee.teamId);
      if (!team || team.organizationId !== organizationId) throw notFound('team', grantee.teamId);
      const userIds = listTeamMembers(this.db, team.id).map((user) => user.id);
      return { userId: null, teamId: team.id, userIds, label: `team "${team.name}"` };
    }
    const user = findUserByEmail(this.db, grantee.email);
    if (!user || !findMembership(this.db, organizationId, user.id)) {
      throw new RpcError(
        ErrorCode.NotFound,
        `no member with email ${grantee.email} in this organization; invite them to it first`,
        { kind: 'member', id: grantee.email },
      );
    }
    return { userId: user.id, teamId: null, userIds: [user.id], label: grantee.email };
  }

  private view(record: CollaboratorRecord): Collaborator {
    const base = {
      id: record.id,
      projectId: record.projectId,
      role: record.role,
      createdAt: record.createdAt,
    };
    if (record.teamId !== null) {
      const team = findTeam(this.db, record.teamId);
      const memberCount = listTeamMembers(this.db, record.teamId).length;
      return {
        ...base,
        grantee: { kind: 'team', team: { id: record.teamId, name: team?.name ?? '', memberCount } },
      };
    }
    const user = findUser(this.db, record.userId ?? '');
    if (!user) throw notFound('user', record.userId ?? '');
    return { ...base, grantee: { kind: 'user', user: publicUser(user) } };
  }
}
