import { IdSchema, TimestampSchema } from '@paas/protocol';
import { z } from 'zod';
import { AccessViewSchema } from './access';
import { ErrorViewSchema, ReadyMessageSchema, RequestDoneMessageSchema, RequestIdSchema } from './envelope';
import { OrganizationHeadingSchema } from './members';

/** A user as a team lists them, and as the add-member choice offers them. */
export const TeamUserViewSchema = z.object({ userId: IdSchema, name: z.string(), email: z.string() });
export type TeamUserView = z.infer<typeof TeamUserViewSchema>;

export const TeamViewSchema = z.object({
  id: IdSchema,
  name: z.string(),
  members: z.array(TeamUserViewSchema),
  createdAt: TimestampSchema,
});
export type TeamView = z.infer<typeof TeamViewSchema>;

export const TeamsModelSchema = z.object({
  access: AccessViewSchema,
  organization: OrganizationHeadingSchema,
  teams: z.array(TeamViewSchema),
  /** The organization's members: who can be added to a team. */
  members: z.array(TeamUserViewSchema),
});
export type TeamsModel = z.infer<typeof TeamsModelSchema>;

const request = { requestId: RequestIdSchema };
const team = { ...request, teamId: IdSchema };

/** Everything the teams webview posts. */
export const TeamsToExtensionSchema = z.discriminatedUnion('type', [
  ReadyMessageSchema,
  z.object({ type: z.literal('refresh'), ...request }),
  z.object({ type: z.literal('create'), ...request, name: z.string() }),
  z.object({ type: z.literal('rename'), ...team, name: z.string() }),
  z.object({ type: z.literal('delete'), ...team }),
  z.object({ type: z.literal('addMember'), ...team, userId: IdSchema }),
  z.object({ type: z.literal('removeMember'), ...team, userId: IdSchema }),
]);
export type TeamsToExtension = z.infer<typeof TeamsToExtensionSchema>;

export const TeamsToWebviewSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('init'), model: TeamsModelSchema }),
  z.object({ type: z.literal('loadFailed'), error: ErrorViewSchema }),
  RequestDoneMessageSchema,
]);
export type TeamsToWebview = z.infer<typeof TeamsToWebviewSchema>;
