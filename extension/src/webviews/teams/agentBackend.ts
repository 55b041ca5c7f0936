import {
  CreateTeam,
  DeleteTeam,
  DisplayNameSchema,
  ListMembers,
  ListTeams,
  UpdateTeam,
} from '@paas/protocol';
import * as vscode from 'vscode';
import { z } from 'zod';
import { required, type CommandContext } from '../../commands/command';
import { accessViewOf } from '../shared/access';
import { connectOrganization } from '../shared/organizationConnection';
import type { TeamsBackend } from './panel';

/** A team name, checked before the agent sees it so the error lands beside `name`. */
const NameSchema = z.object({ name: DisplayNameSchema });

const userView = (u: { id: string; displayName: string; email: string }) => ({
  userId: u.id,
  name: u.displayName,
  email: u.email,
});

/** Teams over `teams/*`; projects grant roles to them on the Collaborators screen. */
export function teamsBackend(context: CommandContext): TeamsBackend {
  return {
    async load(ref) {
      const { connection, permissions, heading } = await connectOrganization(context, ref);
      const [{ teams }, { members }] = await Promise.all([
        connection.request(ListTeams, { organizationId: ref.organizationId }),
        connection.request(ListMembers, { organizationId: ref.organizationId }),
      ]);
      return {
        access: accessViewOf(permissions),
        organization: heading,
        teams: teams.map((t) => ({
          id: t.id,
          name: t.name,
          members: t.members.map(userView),
          createdAt: t.createdAt,
        })),
        members: members.map((m) => userView(m.user)),
      };
    },
    async create(ref, name) {
      const checked = NameSchema.parse({ name: name.trim() });
      const { connection } = await connectOrganization(context, ref);
      await connection.request(CreateTeam, { organizationId: ref.organizationId, ...checked, userIds: [] });
    },
    async rename(ref, teamId, name) {
      const checked = NameSchema.parse({ name: name.trim() });
      const { connection } = await connectOrganization(context, ref);
      await connection.request(UpdateTeam, { teamId, ...checked, addUserIds: [], removeUserIds: [] });
    },
    async delete(ref, teamId) {
      const remove = 'Delete';
      required(
        await vscode.window.showWarningMessage(
          'Delete this team?',
          { modal: true, detail: 'The project roles granted to it go with it; its members stay.' },
          remove,
        ),
      );
      const { connection } = await connectOrganization(context, ref);
      await connection.request(DeleteTeam, { teamId });
    },
    async addMember(ref, teamId, userId) {
      const { connection } = await connectOrganization(context, ref);
      await connection.request(UpdateTeam, { teamId, addUserIds: [userId], removeUserIds: [] });
    },
    async removeMember(ref, teamId, userId) {
      const { connection } = await connectOrganization(context, ref);
      await connection.request(UpdateTeam, { teamId, addUserIds: [], removeUserIds: [userId] });
    },
  };
}
