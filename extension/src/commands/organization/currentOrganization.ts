import type { Organization } from '@paas/protocol';
import type { AgentConnection } from '../../client/agentConnection';
import type { Session } from '../../client/session';
import type { CommandContext } from '../command';

/** A server's connection with the organizations the user belongs to there, and the current one. */
export interface OrganizationScope {
  connection: AgentConnection;
  session: Session;
  organizations: Organization[];
  /** The one the user chose last (if still a member), else their first; undefined when they have none. */
  current: Organization | undefined;
}

/** A server's organizations once it is connected, and the current one. */
export async function organizationScope(
  context: CommandContext,
  serverId: string,
): Promise<OrganizationScope> {
  const session = await context.connections.whenConnected(serverId);
  const connection = context.connections.get(serverId)!;
  return { connection, session, ...(await context.organizations.resolve(connection)) };
}

/** The current organization, or an error that says how to get one. */
export function requireCurrent(scope: OrganizationScope): Organization {
  if (!scope.current)
    throw new Error(
      'you belong to no organization on this server: create one (PaaS: Create Organization) or join one with an invitation code (PaaS: Join Organization…)',
    );
  return scope.current;
}
