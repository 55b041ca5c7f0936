import { CreateOrganization, ListOrganizations } from '@paas/protocol';
import type { OrganizationService } from '../services/organizations';
import { anyCaller } from './authorize';
import { defineHandler } from './handler';

export function organizationHandlers(organizations: OrganizationService) {
  return [
    defineHandler({
      type: ListOrganizations,
      authorize: anyCaller,
      handle: (_params, { caller }) => ({ organizations: organizations.organizationsOf(caller.userId) }),
    }),
    defineHandler({
      type: CreateOrganization,
      // Any user may create one organization; the service refuses a second.
      authorize: anyCaller,
      handle: (params, { caller, audit }) => {
        const organization = organizations.create(caller.userId, params.name);
        audit.organizationId = organization.id;
        audit.target = `organization:${organization.id}`;
        return { organization };
      },
      target: (params) => `organization:${params.name}`,
    }),
  ];
}
