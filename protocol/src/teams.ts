import { z } from 'zod';
import { DisplayNameSchema, IdSchema, TimestampSchema, UserSchema } from './common';
import { defineRequest } from './define';

/** A named group of an organization's members; projects grant roles to teams as to users. */
export const TeamSchema = z.object({
  id: IdSchema,
  organizationId: IdSchema,
  name: z.string(),
  members: z.array(UserSchema),
  createdAt: TimestampSchema,
});
export type Team = z.infer<typeof TeamSchema>;

const UserIdsSchema = z.array(IdSchema).max(500);

export const ListTeams = defineRequest({
  method: 'teams/list',
  kind: 'query',
  doc: 'Lists an organization\u2019s teams with their members.',
  params: z.object({ organizationId: IdSchema.optional() }),
  result: z.object({ teams: z.array(TeamSchema) }),
});

export const CreateTeam = defineRequest({
  method: 'teams/create',
  kind: 'mutation',
  doc: 'Creates a team of organization members; names are unique in the organization.',
  params: z.object({
    organizationId: IdSchema.optional(),
    name: DisplayNameSchema,
    /** Members to put in it; each must be a member of the organization. */
    userIds: UserIdsSchema.default([]),
  }),
  result: z.object({ team: TeamSchema }),
});

export const UpdateTeam = defineRequest({
  method: 'teams/update',
  kind: 'mutation',
  doc: 'Renames a team or adds and removes members.',
  params: z.object({
    teamId: IdSchema,
    name: DisplayNameSchema.optional(),
    addUserIds: UserIdsSchema.default([]),
    removeUserIds: UserIdsSchema.default([]),
  }),
  result: z.object({ team: TeamSchema }),
});

export const DeleteTeam = defineRequest({
  method: 'teams/delete',
  kind: 'mutation',
  doc: 'Deletes a team; the project roles granted to it go with it.',
  params: z.object({ teamId: IdSchema }),
  result: z.object({ teamId: IdSchema }),
});
