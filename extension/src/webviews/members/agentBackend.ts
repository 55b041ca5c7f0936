import {
  CreateInvitation,
  EmailSchema,
  ListInvitations,
  ListMembers,
  RemoveMember,
  RevokeInvitation,
  RoleSchema,
  UpdateMemberRole,
} from '@paas/protocol';
import * as vscode from 'vscode';
import { z } from 'zod';
import { required, type CommandContext } from '../../commands/command';
import { joinLinkOf } from '../../commands/organization/joinLink';
import { accessViewOf } from '../shared/access';
import { connectOrganization } from '../shared/organizationConnection';
import type { OrganizationKey } from '../shared/panels';
import type { MembersBackend } from './panel';

/** The invite form's fields, checked before the agent sees them so errors land beside `email` and `role`. */
const InviteSchema = z.object({ email: EmailSchema, role: RoleSchema });

/** Members and invitations over `members/*` and `invitations/*`; the agent enforces the hierarchy rule. */
export function membersBackend(context: CommandContext): MembersBackend {
  const scoped = (ref: OrganizationKey) => ({ organizationId: ref.organizationId });
  return {
    async load(ref) {
      const { connection, session, permissions, heading } = await connectOrganization(context, ref);
      const access = accessViewOf(permissions);
      const manages = permissions.global.includes('members.manage');
      const [{ members }, { invitations }] = await Promise.all([
        connection.request(ListMembers, scoped(ref)),
        manages
          ? connection.request(ListInvitations, { ...scoped(ref), state: 'pending' })
          : { invitations: [] },
      ]);
      return {
        access,
        organization: heading,
        members: members.map((m) => ({
          userId: m.user.id,
          name: m.user.displayName,
          email: m.user.email,
          role: m.role,
          joinedAt: m.joinedAt,
          you: m.user.id === session.user.id,
        })),
        invitations: invitations.map((i) => ({
          id: i.id,
          email: i.email,
          role: i.role,
          invitedBy: i.invitedBy?.displayName ?? null,
          createdAt: i.createdAt,
          expiresAt: i.expiresAt,
        })),
      };
    },
    async changeRole(ref, userId, role) {
      const { connection } = await connectOrganization(context, ref);
      await connection.request(UpdateMemberRole, { ...scoped(ref), userId, role: RoleSchema.parse(role) });
    },
    async remove(ref, userId) {
      const remove = 'Remove';
      required(
        await vscode.window.showWarningMessage(
          'Remove this member from the organization?',
          { modal: true, detail: 'They lose their organization role and their teams.' },
          remove,
        ),
      );
      const { connection } = await connectOrganization(context, ref);
      await connection.request(RemoveMember, { ...scoped(ref), userId });
    },
    async invite(ref, email, role) {
      const checked = InviteSchema.parse({ email, role });
      const { connection } = await connectOrganization(context, ref);
      const { invitation, invitationCode } = await connection.request(CreateInvitation, {
        ...scoped(ref),
        ...checked,
      });
      const serverUrl = context.store.get(ref.serverId)?.url ?? '';
      return {
        email: invitation.email,
        code: invitationCode,
        joinLink: joinLinkOf(vscode.env.uriScheme, context.extension.extension.id, {
          server: serverUrl,
          code: invitationCode,
        }),
      };
    },
    async revoke(ref, invitationId) {
      const { connection } = await connectOrganization(context, ref);
      await connection.request(RevokeInvitation, { invitationId });
    },
    async copy(text) {
      await vscode.env.clipboard.writeText(text);
    },
  };
}
