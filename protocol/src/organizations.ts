import { z } from 'zod';
import { RoleSchema } from './access';
import { DisplayNameSchema, IdSchema, TimestampSchema } from './common';
import { defineRequest } from './define';

/**
 * The top-level entity: projects, servers, members and teams live in one. A user may create at most one
 * organization and be a member of many.
 */
export const OrganizationSchema = z.object({
  id: IdSchema.describe('The organization\u2019s id.'),
  name: z.string().describe('Its display name.'),
  role: RoleSchema.describe('The caller\u2019s role in it.'),
  createdBy: IdSchema.nullable().describe(
    'The user who created it; `null` for the organization the agent made at its first start.',
  ),
  createdAt: TimestampSchema.describe('When it was created (ISO 8601 UTC).'),
});
export type Organization = z.infer<typeof OrganizationSchema>;

export const ListOrganizations = defineRequest({
  method: 'organizations/list',
  kind: 'query',
  doc: 'Lists the organizations the caller is a member of, with the caller\u2019s role in each.',
  params: z.object({}),
  result: z.object({
    organizations: z.array(OrganizationSchema).describe('The organizations the caller is a member of.'),
  }),
});

export const CreateOrganization = defineRequest({
  method: 'organizations/create',
  kind: 'mutation',
  doc: 'Creates an organization owned by the caller; each user may create one (Conflict otherwise).',
  params: z.object({
    name: DisplayNameSchema.describe('Its display name: 1\u2013100 printable characters.'),
  }),
  result: z.object({
    organization: OrganizationSchema.describe('The new organization; the caller is its owner.'),
  }),
});
