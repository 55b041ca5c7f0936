import { GetPermissions, ListOrganizations, type Permissions } from '@paas/protocol';
import type { AgentConnection } from '../../client/agentConnection';
import type { Session } from '../../client/session';
import type { CommandContext } from '../../commands/command';
import type { OrganizationHeading } from '../messages/members';
import type { OrganizationKey } from './panels';

/** An organization's agent, as an organization screen's backend uses it. */
export interface OrganizationConnection {
  connection: AgentConnection;
  session: Session;
  /** The caller's permissions in the organization, read afresh (`access/permissions`). */
  permissions: Permissions;
  heading: OrganizationHeading;
}

/** Waits for the organization's agent and reads the caller's membership and permissions there. */
export async function connectOrganization(
  context: CommandContext,
  ref: OrganizationKey,
): Promise<OrganizationConnection> {
  const session = await context.connections.whenConnected(ref.serverId);
  const connection = context.connections.get(ref.serverId)!;
  const [{ organizations }, { permissions }] = await Promise.all([
    connection.request(ListOrganizations, {}),
    connection.request(GetPermissions, { organizationId: ref.organizationId }),
  ]);
  const organization = organizations.find((o) => o.id === ref.organizationId);
  if (!organization) throw new Error('you are no longer a member of this organization');
  const serverName = context.store.get(ref.serverId)?.name ?? ref.serverId;
  return {
    connection,
    session,
    permissions,
    heading: { id: organization.id, name: organization.name, serverName },
  };
}
