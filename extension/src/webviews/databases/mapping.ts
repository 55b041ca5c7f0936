import type { App, Database, DatabaseServer } from '@paas/protocol';
import type { DatabaseServerView, DatabaseView } from '../messages/databases';

/** A server as the screen shows it: no admin role, no password (the agent never sends one anyway). */
export function toServerView(server: DatabaseServer, error?: string): DatabaseServerView {
  const view: DatabaseServerView = {
    id: server.id,
    name: server.name,
    host: server.host,
    port: server.port,
    isDefault: server.isDefault,
  };
  return error === undefined ? view : { ...view, error };
}

/**
 * The app a database belongs to: its own (`<db>`), or the app whose database name prefixes it longest
 * (`<db>_copy`), as the agent attributes copies (`DatabaseServerService.owningApp`). Only the project's
 * apps are candidates, so other projects' databases an agent administrator sees are left out.
 */
function appOf(apps: readonly App[], name: string): App | undefined {
  let best: App | undefined;
  for (const app of apps) {
    if (app.databaseName === name) return app;
    if (name.startsWith(`${app.databaseName}_`) && app.databaseName.length > (best?.databaseName.length ?? 0))
      best = app;
  }
  return best;
}

/** The project's databases on one server, by app then name, out of what `databases/list` returned. */
export function projectDatabases(
  apps: readonly App[],
  serverId: string,
  databases: readonly Database[],
): DatabaseView[] {
  const onServer = apps.filter((app) => app.databaseServerId === serverId);
  return databases
    .flatMap((database) => {
      const app = appOf(onServer, database.name);
      if (!app) return [];
      return [
        {
          serverId,
          name: database.name,
          sizeBytes: database.sizeBytes,
          appId: app.id,
          appName: app.name,
          environmentType: app.environmentType,
          isAppDatabase: database.name === app.databaseName,
          appDatabaseName: app.databaseName,
        },
      ];
    })
    .sort((a, b) => a.appName.localeCompare(b.appName) || a.name.localeCompare(b.name));
}
