import {
  CreateDatabase,
  DropDatabase,
  DuplicateDatabase,
  GetReconcileReport,
  ListDatabaseServers,
  ListDatabases,
  RegisterDatabaseServer,
  RemoveDatabaseServer,
  type Action,
  type ReconcileReport,
} from '@paas/protocol';
import type { DatabaseServerService } from '../services/databaseServers';
import type { AppRecord } from '../store/apps';
import type { Db } from '../store/database';
import { invalidField, notFound } from '../errors';
import { requireAction, requireAgentAdmin, seesProject } from './authorize';
import { defineHandler, type RequestContext } from './handler';
import { reconcileReportFor } from './reconcileView';

/** Database servers are agent-wide: only agent administrators register or remove them. */
const agentAdmin =
  (what: string) =>
  (_params: unknown, context: RequestContext): void =>
    requireAgentAdmin(context, what);

/**
 * Who may act on a database: agent administrators on any (filed in the owning organization's audit log
 * too); anyone else only on a database of an app of theirs (its own, or a copy or snapshot named after
 * it), with `action` in the app's environment. Anything else answers NotFound, so other organizations'
 * database names are not revealed.
 */
function authorizeOnDatabase(
  servers: DatabaseServerService,
  context: RequestContext,
  serverId: string,
  name: string,
  action: Action,
): { admin: boolean; app: AppRecord | undefined } {
  const app = servers.owningApp(serverId, name);
  if (context.access.isAgentAdmin(context.caller)) {
    const scope = app && servers.scopeOf(app);
    if (scope) Object.assign(context.audit, scope);
    return { admin: true, app };
  }
  if (!app || !seesProject(context, app.projectId)) throw notFound('database', name);
  requireAction(context, action, { projectId: app.projectId, environmentType: app.environmentType });
  return { admin: false, app };
}

export function databaseHandlers(
  servers: DatabaseServerService,
  db: Db,
  lastReconcile: () => ReconcileReport | null,
) {
  return [
    defineHandler({
      type: RegisterDatabaseServer,
      authorize: agentAdmin('registering a database server'),
      handle: async (params) => ({ server: await servers.register(params) }),
      target: (params) => `databaseServer:${params.name}`,
    }),
    defineHandler({
      // Every caller sees the servers (never a password): the ids are what databases/list takes.
      type: ListDatabaseServers,
      authorize: () => undefined,
      handle: () => ({ servers: servers.list() }),
    }),
    defineHandler({
      type: RemoveDatabaseServer,
      authorize: agentAdmin('removing a database server'),
      handle: (params) => {
        servers.remove(params.serverId);
        return { serverId: params.serverId };
      },
      target: (params) => `databaseServer:${params.serverId}`,
    }),
    defineHandler({
      type: ListDatabases,
      authorize: () => undefined,
      handle: async (params, context) => {
        const databases = await servers.listDatabases(params.serverId);
        if (context.access.isAgentAdmin(context.caller)) return { databases };
        const visible = (name: string) => {
          const app = servers.owningApp(params.serverId, name);
          return app !== undefined && seesProject(context, app.projectId);
        };
        return { databases: databases.filter((database) => visible(database.name)) };
      },
    }),
    defineHandler({
      type: CreateDatabase,
      authorize: agentAdmin('creating a database outside an app'),
      handle: async (params) => ({
        database: await servers.createDatabase(params.serverId, params.name, params.owner),
      }),
      target: (params) => `database:${params.serverId}/${params.name}`,
    }),
    defineHandler({
      type: DropDatabase,
      // Dropping an app's data is the organization Admin's (as apps/destroy is); an app's own database
      // is refused downstream for everyone (apps/destroy drops it).
      authorize: (params, context) => {
        servers.record(params.serverId);
        authorizeOnDatabase(servers, context, params.serverId, params.name, 'app.destroy');
      },
      handle: async (params) => {
        await servers.dropDatabase(params.serverId, params.name, params.confirmName);
        return { name: params.name };
      },
      target: (params) => `database:${params.serverId}/${params.name}`,
    }),
    defineHandler({
      type: DuplicateDatabase,
      // Copying an app's data is taking a backup of it: the backup right in its environment. The copy is
      // named after its source, so it stays the same app's (and organization's) database.
      authorize: (params, context) => {
        servers.record(params.serverId);
        const { admin, app } = authorizeOnDatabase(
          servers,
          context,
          params.serverId,
          params.source,
          'app.backup',
        );
        // The copy must count as the source app's: a name that another app's database name prefixes longer
        // (a project whose code extends this one's) would hand the copy to that app and its organization.
        if (!admin && servers.owningApp(params.serverId, params.target)?.id !== app!.id)
          throw invalidField(
            ['target'],
            `must start with ${app!.databaseName}_ (the source app's database) and name no other app's database`,
          );
      },
      handle: async (params) => ({
        database: await servers.duplicateDatabase(params.serverId, params.source, params.target),
      }),
      target: (params) => `database:${params.serverId}/${params.target}`,
    }),
    defineHandler({
      type: GetReconcileReport,
      authorize: () => undefined,
      handle: (_params, context) => ({ report: reconcileReportFor(context, db, lastReconcile()) }),
    }),
  ];
}
