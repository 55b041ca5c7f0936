import { GetPermissions, type Permissions } from '@paas/protocol';
import type { AgentConnection } from '../../client/agentConnection';
import type { Session } from '../../client/session';
import type { CommandContext } from '../../commands/command';
import type { ProjectKey } from './panels';

/** A project's agent, as a panel's backend uses it: the user's connection and their permissions there. */
export interface ProjectConnection {
  connection: AgentConnection;
  session: Session;
  permissions: Permissions;
}

/**
 * Waits for the project's agent and reads the caller's permissions in the project afresh
 * (`access/permissions`: collaborator grants can differ from the organization role).
 */
export async function connectProject(context: CommandContext, ref: ProjectKey): Promise<ProjectConnection> {
  const session = await context.connections.whenConnected(ref.serverId);
  const connection = context.connections.get(ref.serverId)!;
  const permissions = session.methods.has(GetPermissions.method)
    ? (await connection.request(GetPermissions, { projectId: ref.projectId })).permissions
    : (context.data.permissions(ref.serverId, ref.projectId) ?? session.permissions);
  if (!permissions) throw new Error('the agent reported no permissions for this project');
  return { connection, session, permissions };
}
