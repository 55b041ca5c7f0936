import { AcceptInvitation, CreateInvitation, ListInvitations, RevokeInvitation } from '@paas/protocol';
import type { Mailer } from '../adapters/mail/mailer';
import type { InvitationService } from '../services/invitations';
import { anyCaller, requireAction, requireInOrganization } from './authorize';
import { defineHandler } from './handler';

export function invitationHandlers(
  invitations: InvitationService,
  mailer: Mailer,
  organizationName: (id: string) => string,
) {
  return [
    defineHandler({
      type: CreateInvitation,
      authorize: (params, context) => requireInOrganization(context, 'members.manage', params.organizationId),
      handle: async (params, { caller, audit }, grant) => {
        const actor = { userId: caller.userId, role: grant.role };
        const { invitation, code } = invitations.create(
          grant.organizationId,
          actor,
          params.email,
          params.role,
        );
        audit.target = `invitation:${invitation.id}`;
        await mailer.sendInvitation({
          email: invitation.email,
          organizationName: organizationName(grant.organizationId),
          invitedBy: invitation.invitedBy?.displayName ?? '',
          role: invitation.role,
          expiresAt: invitation.expiresAt,
          invitationCode: code,
        });
        return { invitation, invitationCode: code };
      },
      target: (params) => `invitation:${params.email}`,
    }),
    defineHandler({
      type: ListInvitations,
      authorize: (params, context) => requireInOrganization(context, 'members.manage', params.organizationId),
      handle: (params, _context, grant) => ({
        invitations: invitations.list(grant.organizationId, params.state),
      }),
    }),
    defineHandler({
      type: RevokeInvitation,
      authorize: (params, context) => {
        const { organizationId } = invitations.get(params.invitationId);
        return requireAction(context, 'members.manage', { organizationId });
      },
      handle: (params, { caller }, grant) => ({
        invitation: invitations.revoke(params.invitationId, { userId: caller.userId, role: grant.role }),
      }),
      target: (params) => `invitation:${params.invitationId}`,
    }),
    defineHandler({
      type: AcceptInvitation,
      // The code is the authorization: whoever holds it (with the invited email) may join.
      authorize: anyCaller,
      handle: (params, { caller, audit }) => {
        const organization = invitations.accept(params.invitationCode, caller.userId);
        audit.organizationId = organization.id;
        audit.target = `organization:${organization.id}`;
        return { organization };
      },
    }),
  ];
}
