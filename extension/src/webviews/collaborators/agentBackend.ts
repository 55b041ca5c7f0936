import {
  AddCollaborator,
  CollaboratorRoleSchema,
  EmailSchema,
  GetProject,
  ListCollaborators,
  ListTeams,
  RemoveCollaborator,
  UpdateCollaborator,
} from '@paas/protocol';
import * as vscode from 'vscode';
import { z } from 'zod';
import { required, type CommandContext } from '../../commands/command';
import { accessViewOf } from '../shared/access';
import { teamOptions, toCollaboratorView } from '../shared/mapping';
import { connectProject } from '../shared/projectConnection';
import type { CollaboratorsBackend } from './panel';

/** The add forms' fields, checked before the agent sees them so errors land beside `email` and `role`. */
const UserGrantSchema = z.object({ email: EmailSchema, role: CollaboratorRoleSchema });
const RoleChangeSchema = z.object({ role: CollaboratorRoleSchema });

/** Collaborators over `projects/collaborators/*` and `teams/list`; the agent enforces the hierarchy rule. */
export function collaboratorsBackend(context: CommandContext): CollaboratorsBackend {
  return {
    async load(ref) {
      const { connection, permissions } = await connectProject(context, ref);
      const [{ project }, { collaborators, organizationAccess }] = await Promise.all([
        connection.request(GetProject, { projectId: ref.projectId }),
        connection.request(ListCollaborators, { projectId: ref.projectId }),
      ]);
      // Teams are listed to those who may read the organization; the others only see the grants.
      const teams = await connection.request(ListTeams, { organizationId: project.organizationId }).then(
        (r) => r.teams,
        () => [],
      );
      return {
        access: accessViewOf(permissions),
        projectName: project.name,
        collaborators: collaborators.map(toCollaboratorView),
        organizationAccess: organizationAccess.map(({ user, role }) => ({
          userId: user.id,
          name: user.displayName,
          email: user.email,
          role,
        })),
        teams: teamOptions(teams, collaborators),
      };
    },
    async addUser(ref, email, role) {
      const checked = UserGrantSchema.parse({ email, role });
      const { connection } = await connectProject(context, ref);
      await connection.request(AddCollaborator, {
        projectId: ref.projectId,
        grantee: { kind: 'user', email: checked.email },
        role: checked.role,
      });
    },
    async addTeam(ref, teamId, role) {
      const checked = RoleChangeSchema.parse({ role });
      const { connection } = await connectProject(context, ref);
      await connection.request(AddCollaborator, {
        projectId: ref.projectId,
        grantee: { kind: 'team', teamId },
        role: checked.role,
      });
    },
    async changeRole(ref, collaboratorId, role) {
      const checked = RoleChangeSchema.parse({ role });
      const { connection } = await connectProject(context, ref);
      await connection.request(UpdateCollaborator, { collaboratorId, role: checked.role });
    },
    async remove(ref, collaboratorId) {
      const remove = 'Remove';
      required(
        await vscode.window.showWarningMessage(
          'Remove this collaborator from the project?',
          { modal: true, detail: 'They lose the role it granted; their organization role stays.' },
          remove,
        ),
      );
      const { connection } = await connectProject(context, ref);
      await connection.request(RemoveCollaborator, { collaboratorId });
    },
  };
}
