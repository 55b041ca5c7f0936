import { z } from 'zod';
import { DisplayNameSchema, IdSchema, TimestampSchema, UserSchema } from './common';
import { defineRequest } from './define';

/** A named group of an organization's members; projects grant roles to teams as to users. */
export const TeamSchema = z.object({
  id: IdSchema.describe('The team\u2019s id.'),
  organizationId: IdSchema.describe('The organization it belongs to.'),
  name: z.string().describe('Its name, unique in the organization.'),
  members: z.array(UserSchema).describe('The users in it.'),
  createdAt: TimestampSchema.describe('When it was created (ISO 8601 UTC).'),
});
export type Team = z.infer<typeof TeamSchema>;

const UserIdsSchema = z.array(IdSchema).max(500);

export const ListTeams = defineRequest({
  method: 'teams/list',
  kind: 'query',
  doc: 'Lists an organization\u2019s teams with their members.',
  params: z.object({
    organizationId: IdSchema.optional().describe(
      'The organization; may be left out when the caller belongs to only one.',
    ),
  }),
  result: z.object({ teams: z.array(TeamSchema).describe('The organization\u2019s teams.') }),
});

export const CreateTeam = defineRequest({
  method: 'teams/create',
  kind: 'mutation',
  doc: 'Creates a team of organization members; names are unique in the organization.',
  params: z.object({
    organizationId: IdSchema.optional().describe(
      'The organization; may be left out when the caller belongs to only one.',
    ),
    name: DisplayNameSchema.describe(
      'Its name: 1\u2013100 printable characters, unique in the organization.',
    ),
    userIds: UserIdsSchema.default([]).describe(
      'Users to put in it (at most 500, default none); each must be a member of the organization.',
    ),
  }),
  result: z.object({ team: TeamSchema.describe('The new team.') }),
});

export const UpdateTeam = defineRequest({
  method: 'teams/update',
  kind: 'mutation',
  doc: 'Renames a team or adds and removes members.',
  params: z.object({
    teamId: IdSchema.describe('The team to change.'),
    name: DisplayNameSchema.optional().describe('Its new name; left out: unchanged.'),
    addUserIds: UserIdsSchema.default([]).describe(
      'Organization members to add (at most 500, default none).',
    ),
    removeUserIds: UserIdsSchema.default([]).describe('Members to remove (at most 500, default none).'),
  }),
  result: z.object({ team: TeamSchema.describe('The team as saved.') }),
});

export const DeleteTeam = defineRequest({
  method: 'teams/delete',
  kind: 'mutation',
  doc: 'Deletes a team; the project roles granted to it go with it.',
  params: z.object({ teamId: IdSchema.describe('The team to delete.') }),
  result: z.object({ teamId: IdSchema.describe('The deleted team\u2019s id.') }),
});
