import { GetPermissions, permissionsOf } from '@paas/protocol';
import { requireAction } from './authorize';
import { defineHandler } from './handler';

export const permissionsHandler = defineHandler({
  type: GetPermissions,
  authorize: (params, context) =>
    params.projectId
      ? requireAction(context, 'project.read', { projectId: params.projectId })
      : requireAction(context, 'organization.read', { organizationId: params.organizationId }),
  handle: (_params, _context, grant) => ({ permissions: permissionsOf(grant.role) }),
});
