import type { CreateTeam, ParamsOf, Team, UpdateTeam } from '@paas/protocol';
import type { Db } from '../store/database';
import { inTransaction } from '../store/database';
import { findMembership } from '../store/memberships';
import {
  addTeamMember,
  deleteTeam,
  findTeam,
  insertTeam,
  isTeamNameTaken,
  listTeamMembers,
  listTeams,
  removeTeamMember,
  renameTeam,
  type TeamRecord,
} from '../store/teams';
import { publicUser } from '../store/users';
import { conflict, notFound } from '../errors';
import { newId, nowIso } from '../ids';

/** Organization-level teams: named groups of members that projects grant roles to. */
export class TeamService {
  constructor(private readonly db: Db) {}

  list(organizationId: string): Team[] {
    return listTeams(this.db, organizationId).map((team) => this.view(team));
  }

  get(teamId: string): TeamRecord {
    const team = findTeam(this.db, teamId);
    if (!team) throw notFound('team', teamId);
    return team;
  }

  create(organizationId: string, params: ParamsOf<typeof CreateTeam>): Team {
    return inTransaction(this.db, () => {
      this.assertNameFree(organizationId, params.name);
      const team: TeamRecord = { id: newId(), organizationId, name: params.name, createdAt: nowIso() };
      insertTeam(this.db, team);
      this.addMembers(team, params.userIds);
      return this.view(team);
    });
  }

  update(params: ParamsOf<typeof UpdateTeam>): Team {
    return inTransaction(this.db, () => {
      const team = this.get(params.teamId);
      if (params.name !== undefined && params.name !== team.name) {
        this.assertNameFree(team.organizationId, params.name);
        renameTeam(this.db, team.id, params.name);
      }
      this.addMembers(team, params.addUserIds);
      for (const userId of params.removeUserIds) removeTeamMember(this.db, team.id, userId);
      return this.view(this.get(team.id));
    });
  }

  delete(teamId: string): void {
    inTransaction(this.db, () => deleteTeam(this.db, this.get(teamId).id));
  }

  /** Only members of the team's organization can join it. */
  private addMembers(team: TeamRecord, userIds: readonly string[]): void {
    for (const userId of userIds) {
      if (!findMembership(this.db, team.organizationId, userId)) throw notFound('member', userId);
      addTeamMember(this.db, team.id, userId);
    }
  }

  private assertNameFree(organizationId: string, name: string): void {
    if (isTeamNameTaken(this.db, organizationId, name)) {
      throw conflict(`a team named "${name}" exists in this organization`, { field: 'name' });
    }
  }

  private view(team: TeamRecord): Team {
    return {
      id: team.id,
      organizationId: team.organizationId,
      name: team.name,
      members: listTeamMembers(this.db, team.id).map(publicUser),
      createdAt: team.createdAt,
    };
  }
}
