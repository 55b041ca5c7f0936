import { z } from 'zod';
import { RoleSchema } from './access';
import { DisplayNameSchema, IdSchema, TimestampSchema } from './common';
import { defineRequest } from './define';

/**
 * The top-level entity: projects, servers, members and teams live in one. A user may create at most one
 * organization and be a member of many.
 */
export const OrganizationSchema = z.object({
  id: IdSchema,
  name: z.string(),
  /** The caller's role in it. */
  role: RoleSchema,
  /** Who created it; `null` for the organization the agent made at its first start. */
  createdBy: IdSchema.nullable(),
  createdAt: TimestampSchema,
});
export type Organization = z.infer<typeof OrganizationSchema>;

export const ListOrganizations = defineRequest({
  method: 'organizations/list',
  kind: 'query',
  doc: 'Lists the organizations the caller is a member of, with the caller\u2019s role in each.',
  params: z.object({}),
  result: z.object({ organizations: z.array(OrganizationSchema) }),
});

export const CreateOrganization = defineRequest({
  method: 'organizations/create',
  kind: 'mutation',
  doc: 'Creates an organization owned by the caller; each user may create one (Conflict otherwise).',
  params: z.object({ name: DisplayNameSchema }),
  result: z.object({ organization: OrganizationSchema }),
});
