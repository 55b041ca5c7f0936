import { z } from 'zod';
import { RoleSchema } from './access';
import { EmailSchema, IdSchema, TimestampSchema, UserSchema } from './common';
import { defineRequest } from './define';

/** Project-level roles: any role but Owner, which only an organization grants. */
export const CollaboratorRoleSchema = RoleSchema.exclude(['owner']);

/** Who a project grants a role to: a user, or an organization team (and so each of its members). */
export const GranteeSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('user').describe('Which variant this is: `user`.'),
    user: UserSchema.describe('The user the role is granted to.'),
  }),
  z.object({
    kind: z.literal('team').describe('Which variant this is: `team`.'),
    team: z
      .object({
        id: IdSchema.describe('The team\u2019s id.'),
        name: z.string().describe('The team\u2019s name, unique within the organization.'),
        memberCount: z.number().int().describe('How many members the team has now; each gets the role.'),
      })
      .describe('The team the role is granted to.'),
  }),
]);

/** One row of a project's Collaborators tab. */
export const CollaboratorSchema = z.object({
  id: IdSchema.describe('Its id, issued by the agent.'),
  projectId: IdSchema.describe('The project\u2019s id.'),
  grantee: GranteeSchema.describe(
    'Who a project grants a role to: a user, or an organization team (and so each of its members).',
  ),
  role: CollaboratorRoleSchema.describe(
    'Project-level roles: any role but Owner, which only an organization grants.',
  ),
  createdAt: TimestampSchema.describe('When it was created (ISO 8601 UTC).'),
});
export type Collaborator = z.infer<typeof CollaboratorSchema>;

export const ListCollaborators = defineRequest({
  method: 'projects/collaborators/list',
  kind: 'query',
  doc: 'Lists the users and teams with a role on a project, and who reaches it through the organization.',
  params: z.object({ projectId: IdSchema.describe('The project\u2019s id.') }),
  result: z.object({
    collaborators: z.array(CollaboratorSchema).describe("One row of a project's Collaborators tab."),
    organizationAccess: z
      .array(
        z.object({
          user: UserSchema.describe("A member of the project's organization."),
          role: RoleSchema.extract(['owner', 'admin']).describe(
            'Their organization role: Owner and Admin see and manage every project of it.',
          ),
        }),
      )
      .describe(
        'Members whose organization role (Owner, Admin) gives them the project without a grant of its own, owners first.',
      ),
  }),
});

export const AddCollaborator = defineRequest({
  method: 'projects/collaborators/add',
  kind: 'mutation',
  doc: 'Grants a project role to an organization member (by email) or a team, within the hierarchy rule.',
  params: z.object({
    projectId: IdSchema.describe('The project\u2019s id.'),
    grantee: z
      .discriminatedUnion('kind', [
        z.object({
          kind: z.literal('user').describe('Grant to a user.'),
          email: EmailSchema.describe('The email of a member of the project\u2019s organization.'),
        }),
        z.object({
          kind: z.literal('team').describe('Grant to a team.'),
          teamId: IdSchema.describe('The team\u2019s id.'),
        }),
      ])
      .describe('Who gets the role: an organization member by email, or a team of the organization.'),
    role: CollaboratorRoleSchema.describe(
      'Project-level roles: any role but Owner, which only an organization grants.',
    ),
  }),
  result: z.object({ collaborator: CollaboratorSchema.describe('The new grant.') }),
});

export const UpdateCollaborator = defineRequest({
  method: 'projects/collaborators/update',
  kind: 'mutation',
  doc: 'Changes a collaborator\u2019s project role, within the hierarchy rule.',
  params: z.object({
    collaboratorId: IdSchema.describe('The collaborator row\u2019s id (from `projects/collaborators/list`).'),
    role: CollaboratorRoleSchema.describe('The new project role; never `owner`.'),
  }),
  result: z.object({ collaborator: CollaboratorSchema.describe('The grant with its new role.') }),
});

export const RemoveCollaborator = defineRequest({
  method: 'projects/collaborators/remove',
  kind: 'mutation',
  doc: 'Takes a user\u2019s or team\u2019s role on a project away, within the hierarchy rule.',
  params: z.object({
    collaboratorId: IdSchema.describe('The collaborator row\u2019s id (from `projects/collaborators/list`).'),
  }),
  result: z.object({ collaboratorId: IdSchema.describe('The id of the grant that was removed.') }),
});
