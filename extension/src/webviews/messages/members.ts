import { IdSchema, RoleSchema, TimestampSchema } from '@paas/protocol';
import { z } from 'zod';
import { AccessViewSchema } from './access';
import { ErrorViewSchema, ReadyMessageSchema, RequestDoneMessageSchema, RequestIdSchema } from './envelope';

/** The organization an organization screen is about, as its heading shows it. */
export const OrganizationHeadingSchema = z.object({
  id: IdSchema,
  name: z.string(),
  /** The server's name in the Servers view. */
  serverName: z.string(),
});
export type OrganizationHeading = z.infer<typeof OrganizationHeadingSchema>;

export const MemberViewSchema = z.object({
  userId: IdSchema,
  name: z.string(),
  email: z.string(),
  role: RoleSchema,
  joinedAt: TimestampSchema,
  /** The caller's own row. */
  you: z.boolean(),
});
export type MemberView = z.infer<typeof MemberViewSchema>;

/** A pending invitation as listed: never its code, which only the inviter sees, once. */
export const InvitationViewSchema = z.object({
  id: IdSchema,
  email: z.string(),
  role: RoleSchema,
  invitedBy: z.string().nullable(),
  createdAt: TimestampSchema,
  expiresAt: TimestampSchema,
});
export type InvitationView = z.infer<typeof InvitationViewSchema>;

export const MembersModelSchema = z.object({
  access: AccessViewSchema,
  organization: OrganizationHeadingSchema,
  members: z.array(MemberViewSchema),
  invitations: z.array(InvitationViewSchema),
});
export type MembersModel = z.infer<typeof MembersModelSchema>;

/** The invitation just made: its one-time code and the join link, shown once to pass on. */
export const NewInvitationSchema = z.object({ email: z.string(), code: z.string(), joinLink: z.string() });
export type NewInvitation = z.infer<typeof NewInvitationSchema>;

const request = { requestId: RequestIdSchema };

/** Everything the members webview posts. */
export const MembersToExtensionSchema = z.discriminatedUnion('type', [
  ReadyMessageSchema,
  z.object({ type: z.literal('refresh'), ...request }),
  z.object({ type: z.literal('changeRole'), ...request, userId: IdSchema, role: RoleSchema }),
  z.object({ type: z.literal('remove'), ...request, userId: IdSchema }),
  z.object({ type: z.literal('invite'), ...request, email: z.string(), role: RoleSchema }),
  z.object({ type: z.literal('revoke'), ...request, invitationId: IdSchema }),
  z.object({ type: z.literal('copy'), ...request, text: z.string().max(2000) }),
]);
export type MembersToExtension = z.infer<typeof MembersToExtensionSchema>;

export const MembersToWebviewSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('init'), model: MembersModelSchema }),
  /** Loading failed: the agent's answer, shown in place of the lists. */
  z.object({ type: z.literal('loadFailed'), error: ErrorViewSchema }),
  z.object({ type: z.literal('invited'), invitation: NewInvitationSchema }),
  RequestDoneMessageSchema,
]);
export type MembersToWebview = z.infer<typeof MembersToWebviewSchema>;
