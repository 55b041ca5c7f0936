import { CreateOrganization, ListOrganizations } from '@paas/protocol';
import type { AgentConfig } from '../config';
import type { OrganizationService } from '../services/organizations';
import { anyCaller, requireAgentAdmin } from './authorize';
import { defineHandler } from './handler';

export function organizationHandlers(
  organizations: OrganizationService,
  creation: AgentConfig['organizationCreation'],
) {
  return [
    defineHandler({
      type: ListOrganizations,
      authorize: anyCaller,
      handle: (_params, { caller }) => ({ organizations: organizations.organizationsOf(caller.userId) }),
    }),
    defineHandler({
      type: CreateOrganization,
      // The agent's setting says who may create one; the service refuses anyone a second.
      authorize: (_params, context) => {
        if (creation === 'admins') requireAgentAdmin(context, 'creating an organization');
      },
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
