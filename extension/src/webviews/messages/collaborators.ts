import { IdSchema, RoleSchema, TimestampSchema } from '@paas/protocol';
import { z } from 'zod';
import { AccessViewSchema } from './access';
import { ReadyMessageSchema, RequestDoneMessageSchema, RequestIdSchema } from './envelope';

/** A user or a team with a role on the project. Local until the access protocol lands; then mapped from it. */
export const CollaboratorViewSchema = z.object({
  id: IdSchema,
  kind: z.enum(['user', 'team']),
  /** The user's display name or the team's name. */
  name: z.string(),
  email: z.string().nullable(),
  role: RoleSchema,
  /** For teams: how many members it has. */
  memberCount: z.number().int().nonnegative().nullable(),
  addedAt: TimestampSchema,
});
export type CollaboratorView = z.infer<typeof CollaboratorViewSchema>;

/** An organization team that can be added. */
export const TeamOptionSchema = z.object({ id: IdSchema, name: z.string(), memberCount: z.number().int() });
export type TeamOption = z.infer<typeof TeamOptionSchema>;

/** Someone who reaches the project through their organization role, without a grant of their own. */
export const OrganizationAccessViewSchema = z.object({
  userId: IdSchema,
  name: z.string(),
  email: z.string(),
  role: z.enum(['owner', 'admin']),
});
export type OrganizationAccessView = z.infer<typeof OrganizationAccessViewSchema>;

export const CollaboratorsModelSchema = z.object({
  access: AccessViewSchema,
  projectName: z.string(),
  collaborators: z.array(CollaboratorViewSchema),
  /** The organization's Owners and Admins, listed (read-only) beside the grants. */
  organizationAccess: z.array(OrganizationAccessViewSchema),
  teams: z.array(TeamOptionSchema),
});
export type CollaboratorsModel = z.infer<typeof CollaboratorsModelSchema>;

const request = { requestId: RequestIdSchema };

/** Everything the collaborators webview posts. */
export const CollaboratorsToExtensionSchema = z.discriminatedUnion('type', [
  ReadyMessageSchema,
  z.object({ type: z.literal('addUser'), ...request, email: z.string(), role: RoleSchema }),
  z.object({ type: z.literal('addTeam'), ...request, teamId: IdSchema, role: RoleSchema }),
  z.object({ type: z.literal('changeRole'), ...request, collaboratorId: IdSchema, role: RoleSchema }),
  z.object({ type: z.literal('remove'), ...request, collaboratorId: IdSchema }),
]);
export type CollaboratorsToExtension = z.infer<typeof CollaboratorsToExtensionSchema>;

export const CollaboratorsToWebviewSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('init'), model: CollaboratorsModelSchema }),
  RequestDoneMessageSchema,
]);
export type CollaboratorsToWebview = z.infer<typeof CollaboratorsToWebviewSchema>;
