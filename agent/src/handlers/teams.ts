import { CreateTeam, DeleteTeam, ListTeams, UpdateTeam } from '@paas/protocol';
import type { TeamService } from '../services/teams';
import { requireAction, requireInOrganization } from './authorize';
import { defineHandler } from './handler';

export function teamHandlers(teams: TeamService) {
  const requireOnTeam = (teamId: string, context: Parameters<typeof requireAction>[0]) =>
    requireAction(context, 'teams.manage', { organizationId: teams.get(teamId).organizationId });
  return [
    defineHandler({
      type: ListTeams,
      authorize: (params, context) =>
        requireInOrganization(context, 'organization.read', params.organizationId),
      handle: (_params, _context, grant) => ({ teams: teams.list(grant.organizationId) }),
    }),
    defineHandler({
      type: CreateTeam,
      authorize: (params, context) => requireInOrganization(context, 'teams.manage', params.organizationId),
      handle: (params, { audit }, grant) => {
        const team = teams.create(grant.organizationId, params);
        audit.target = `team:${team.id}`;
        return { team };
      },
      target: (params) => `team:${params.name}`,
    }),
    defineHandler({
      type: UpdateTeam,
      authorize: (params, context) => requireOnTeam(params.teamId, context),
      handle: (params) => ({ team: teams.update(params) }),
      target: (params) => `team:${params.teamId}`,
    }),
    defineHandler({
      type: DeleteTeam,
      authorize: (params, context) => requireOnTeam(params.teamId, context),
      handle: (params) => {
        teams.delete(params.teamId);
        return { teamId: params.teamId };
      },
      target: (params) => `team:${params.teamId}`,
    }),
  ];
}
