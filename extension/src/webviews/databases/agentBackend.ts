import {
  DropDatabase,
  DuplicateDatabase,
  GetProject,
  ListApps,
  ListDatabaseServers,
  ListDatabases,
} from '@paas/protocol';
import type { CommandContext } from '../../commands/command';
import { accessViewOf } from '../shared/access';
import { connectProject } from '../shared/projectConnection';
import { projectDatabases, toServerView } from './mapping';
import type { DatabasesBackend } from './panel';

/**
 * The servers the project's apps use and their databases, as the agent lists them to this user
 * (`databases/list` already leaves out what they may not see); duplicate and drop go to the agent, which
 * decides.
 */
export function databasesBackend(context: CommandContext): DatabasesBackend {
  return {
    async load(ref) {
      const { connection, permissions } = await connectProject(context, ref);
      const [{ project }, { apps }, { servers }] = await Promise.all([
        connection.request(GetProject, { projectId: ref.projectId }),
        connection.request(ListApps, { projectId: ref.projectId, includeDisabled: true }),
        connection.request(ListDatabaseServers, {}),
      ]);
      const used = servers.filter((server) => apps.some((app) => app.databaseServerId === server.id));
      const listed = await Promise.all(
        used.map(async (server) => {
          try {
            const { databases } = await connection.request(ListDatabases, { serverId: server.id });
            return { server: toServerView(server), databases: projectDatabases(apps, server.id, databases) };
          } catch (error) {
            // One server down must not hide the others: its row says why it shows no databases.
            const message = error instanceof Error ? error.message : String(error);
            return { server: toServerView(server, message), databases: [] };
          }
        }),
      );
      return {
        access: accessViewOf(permissions),
        projectName: project.name,
        servers: listed.map((l) => l.server),
        databases: listed.flatMap((l) => l.databases),
      };
    },
    async duplicate(ref, serverId, source, target) {
      const { connection } = await connectProject(context, ref);
      await connection.request(DuplicateDatabase, { serverId, source, target });
    },
    async drop(ref, serverId, name, confirmName) {
      const { connection } = await connectProject(context, ref);
      await connection.request(DropDatabase, { serverId, name, confirmName });
    },
  };
}
