import {
  CreateDatabase,
  DropDatabase,
  DuplicateDatabase,
  GetReconcileReport,
  ListDatabaseServers,
  ListDatabases,
  RegisterDatabaseServer,
  RemoveDatabaseServer,
  type ReconcileReport,
} from '@paas/protocol';
import type { DatabaseServerService } from '../services/databaseServers';
import { requireAction } from './authorize';
import { defineHandler, type RequestContext } from './handler';

/** Database servers are the organization's infrastructure: Admin and up. */
const admin = (_params: unknown, context: RequestContext): void => {
  requireAction(context, 'servers.manage');
};

export function databaseHandlers(
  servers: DatabaseServerService,
  lastReconcile: () => ReconcileReport | null,
) {
  return [
    defineHandler({
      type: RegisterDatabaseServer,
      authorize: admin,
      handle: async (params) => ({ server: await servers.register(params) }),
      target: (params) => `databaseServer:${params.name}`,
    }),
    defineHandler({
      type: ListDatabaseServers,
      authorize: admin,
      handle: () => ({ servers: servers.list() }),
    }),
    defineHandler({
      type: RemoveDatabaseServer,
      authorize: admin,
      handle: (params) => {
        servers.remove(params.serverId);
        return { serverId: params.serverId };
      },
      target: (params) => `databaseServer:${params.serverId}`,
    }),
    defineHandler({
      type: ListDatabases,
      authorize: admin,
      handle: async (params) => ({ databases: await servers.listDatabases(params.serverId) }),
    }),
    defineHandler({
      type: CreateDatabase,
      authorize: admin,
      handle: async (params) => ({
        database: await servers.createDatabase(params.serverId, params.name, params.owner),
      }),
      target: (params) => `database:${params.serverId}/${params.name}`,
    }),
    defineHandler({
      type: DropDatabase,
      authorize: admin,
      handle: async (params) => {
        await servers.dropDatabase(params.serverId, params.name, params.confirmName);
        return { name: params.name };
      },
      target: (params) => `database:${params.serverId}/${params.name}`,
    }),
    defineHandler({
      type: DuplicateDatabase,
      authorize: admin,
      handle: async (params) => ({
        database: await servers.duplicateDatabase(params.serverId, params.source, params.target),
      }),
      target: (params) => `database:${params.serverId}/${params.target}`,
    }),
    defineHandler({
      type: GetReconcileReport,
      authorize: admin,
      handle: () => ({ report: lastReconcile() }),
    }),
  ];
}
