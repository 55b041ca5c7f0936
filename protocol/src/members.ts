import { z } from 'zod';
import { RoleSchema } from './access';
import { EmailSchema, IdSchema, TimestampSchema, UserSchema } from './common';
import { defineRequest } from './define';
import { OrganizationSchema } from './organizations';

/** A member of an organization and the role they hold there. */
export const MemberSchema = z.object({
  user: UserSchema.describe('The member.'),
  role: RoleSchema.describe('Their role in the organization.'),
  joinedAt: TimestampSchema.describe('When they became a member (ISO 8601 UTC).'),
});
export type Member = z.infer<typeof MemberSchema>;

/** Organization-scoped params: the organization defaults to the caller's only one. */
const OrganizationParam = {
  organizationId: IdSchema.optional().describe(
    'Required when the caller belongs to more than one organization.',
  ),
};

export const ListMembers = defineRequest({
  method: 'members/list',
  kind: 'query',
  doc: 'Lists an organization\u2019s members and their roles.',
  params: z.object({ ...OrganizationParam }),
  result: z.object({ members: z.array(MemberSchema).describe('Every member with their role.') }),
});

export const UpdateMemberRole = defineRequest({
  method: 'members/updateRole',
  kind: 'mutation',
  doc: 'Changes a member\u2019s role, within the hierarchy rule; the last owner cannot be demoted.',
  params: z.object({
    ...OrganizationParam,
    userId: IdSchema.describe('The user\u2019s id.'),
    role: RoleSchema.describe('The member\u2019s new role.'),
  }),
  result: z.object({ member: MemberSchema.describe('The member with their new role.') }),
});

export const RemoveMember = defineRequest({
  method: 'members/remove',
  kind: 'mutation',
  doc: 'Removes a member (or, with the caller\u2019s own id, leaves); the last owner cannot leave.',
  params: z.object({ ...OrganizationParam, userId: IdSchema.describe('The user\u2019s id.') }),
  result: z.object({ userId: IdSchema.describe('The user\u2019s id.') }),
});

export const INVITATION_STATES = ['pending', 'accepted', 'revoked', 'expired'] as const;

/** An invitation as listed: never its code, which only the inviter sees, once. */
export const InvitationSchema = z.object({
  id: IdSchema.describe('Its id, issued by the agent.'),
  organizationId: IdSchema.describe('The organization\u2019s id.'),
  email: z.string().describe('An email address, compared in lowercase.'),
  role: RoleSchema.describe('The role the invitee gets on accepting.'),
  state: z.enum(INVITATION_STATES).describe('`pending` until accepted, revoked or past `expiresAt`.'),
  invitedBy: UserSchema.nullable().describe(
    'Who created the invitation; `null` if that user no longer exists.',
  ),
  acceptedBy: UserSchema.nullable().describe(
    'Who accepted it; `null` until accepted, or if that user no longer exists.',
  ),
  createdAt: TimestampSchema.describe('When it was created (ISO 8601 UTC).'),
  expiresAt: TimestampSchema.describe(
    'When the code stops working (ISO 8601 UTC); then its state reads `expired`.',
  ),
});
export type Invitation = z.infer<typeof InvitationSchema>;

export const CreateInvitation = defineRequest({
  method: 'invitations/create',
  kind: 'mutation',
  doc: 'Invites an email with a role (never above the inviter\u2019s) and returns the one-time code to pass on.',
  params: z.object({
    ...OrganizationParam,
    email: EmailSchema.describe('Who to invite; they accept with a user of that email.'),
    role: RoleSchema.describe('The role they get; never above the inviter\u2019s own.'),
  }),
  result: z.object({
    invitation: InvitationSchema.describe(
      'An invitation as listed: never its code, which only the inviter sees, once.',
    ),
    invitationCode: z
      .string()
      .describe('The one-time code, shown only now; the agent keeps only its hash. No mail is sent.'),
  }),
});

export const ListInvitations = defineRequest({
  method: 'invitations/list',
  kind: 'query',
  doc: 'Lists an organization\u2019s invitations, newest first; by default only pending ones.',
  params: z.object({
    ...OrganizationParam,
    state: z
      .enum([...INVITATION_STATES, 'all'])
      .default('pending')
      .describe('Which invitations to list; `all` lists every state.'),
  }),
  result: z.object({ invitations: z.array(InvitationSchema).describe('The invitations, newest first.') }),
});

export const RevokeInvitation = defineRequest({
  method: 'invitations/revoke',
  kind: 'mutation',
  doc: 'Revokes a pending invitation; its code no longer works.',
  params: z.object({ invitationId: IdSchema.describe('The invitation\u2019s id.') }),
  result: z.object({ invitation: InvitationSchema.describe('The invitation, now `revoked`.') }),
});

export const AcceptInvitation = defineRequest({
  method: 'invitations/accept',
  kind: 'mutation',
  doc: 'Joins the organization with the invited role; the caller\u2019s email must be the invited one.',
  params: z.object({
    invitationCode: z
      .string()
      .min(1)
      .max(200)
      .describe('The code the inviter passed on. Treated as a secret: never logged nor audited.'),
  }),
  result: z.object({
    organization: OrganizationSchema.describe('The organization joined, with the caller\u2019s role.'),
  }),
});
