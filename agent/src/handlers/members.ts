import { ListMembers, RemoveMember, UpdateMemberRole } from '@paas/protocol';
import type { MemberService } from '../services/members';
import type { OrganizationService } from '../services/organizations';
import { requireInOrganization } from './authorize';
import { defineHandler } from './handler';

export function memberHandlers(organizations: OrganizationService, members: MemberService) {
  return [
    defineHandler({
      type: ListMembers,
      authorize: (params, context) =>
        requireInOrganization(context, 'organization.read', params.organizationId),
      handle: (_params, _context, grant) => ({ members: organizations.members(grant.organizationId) }),
    }),
    defineHandler({
      type: UpdateMemberRole,
      authorize: (params, context) => requireInOrganization(context, 'members.manage', params.organizationId),
      handle: (params, { caller }, grant) => ({
        member: members.updateRole(
          grant.organizationId,
          { userId: caller.userId, role: grant.role },
          params.userId,
          params.role,
        ),
      }),
      target: (params) => `user:${params.userId}`,
    }),
    defineHandler({
      type: RemoveMember,
      // Leaving (removing oneself) needs only membership; removing someone else needs Admin or Owner.
      authorize: (params, context) => {
        const leaving = params.userId === context.caller.userId;
        return requireInOrganization(
          context,
          leaving ? 'organization.read' : 'members.manage',
          params.organizationId,
        );
      },
      handle: (params, { caller }, grant) => {
        members.remove(grant.organizationId, { userId: caller.userId, role: grant.role }, params.userId);
        return { userId: params.userId };
      },
      target: (params) => `user:${params.userId}`,
    }),
  ];
}
