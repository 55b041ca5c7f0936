import {
  ErrorCode,
  RpcError,
  type Database,
  type DatabaseServer,
  type ParamsOf,
  type RegisterDatabaseServer,
} from '@paas/protocol';
import type { PgServer, PostgresAdapter } from '../adapters/postgres/postgres';
import type { AgentConfig } from '../config';
import { conflict, invalidField, notFound } from '../errors';
import { newId, nowIso } from '../ids';
import { countAppsOnDatabaseServer, findAppByDatabase, listApps, type AppRecord } from '../store/apps';
import { findProject } from '../store/projects';
import { inTransaction, type Db } from '../store/database';
import {
  deleteDatabaseServer,
  findConfigDatabaseServer,
  findDatabaseServer,
  findDefaultDatabaseServer,
  insertDatabaseServer,
  isDatabaseServerNameTaken,
  listDatabaseServers,
  publicServer,
  updateDatabaseServerConnection,
  type DatabaseServerRecord,
} from '../store/databaseServers';
import { asRpc } from './adapterErrors';

/** Databases the agent never touches through `databases/*`. */
const SYSTEM_DATABASES = new Set(['postgres', 'template0', 'template1']);

/** Registered PostgreSQL servers and the databases on them. */
export class DatabaseServerService {
  constructor(
    private readonly db: Db,
    private readonly pg: PostgresAdapter,
  ) {}

  /**
   * Registers (or refreshes) the server named in the agent config. It becomes
   * the default when there is none. PostgreSQL is not contacted here: the agent starts even when it is down.
   */
  ensureFromConfig(settings: NonNullable<AgentConfig['defaultDatabaseServer']>, adminPassword: string): void {
    inTransaction(this.db, () => {
      const existing = findConfigDatabaseServer(this.db);
      const connection = {
        host: settings.host,
        port: settings.port,
        adminUser: settings.adminUser,
        adminPassword,
      };
      if (existing) {
        updateDatabaseServerConnection(this.db, { ...existing, ...connection });
        return;
      }
      insertDatabaseServer(this.db, {
        id: newId(),
        name: isDatabaseServerNameTaken(this.db, 'local') ? `local-${newId(4)}` : 'local',
        ...connection,
        isDefault: findDefaultDatabaseServer(this.db) === undefined,
        fromConfig: true,
        createdAt: nowIso(),
      });
    });
  }

  async register(params: ParamsOf<typeof RegisterDatabaseServer>): Promise<DatabaseServer> {
    if (isDatabaseServerNameTaken(this.db, params.name)) {
      throw conflict(`a database server named "${params.name}" exists`, { field: 'name' });
    }
    const record: DatabaseServerRecord = {
      id: newId(),
      name: params.name,
      host: params.host,
      port: params.port,
      adminUser: params.adminUser,
      adminPassword: params.adminPassword,
      isDefault: params.makeDefault || findDefaultDatabaseServer(this.db) === undefined,
      fromConfig: false,
      createdAt: nowIso(),
    };
    await asRpc(() => this.pg.check(record));
    inTransaction(this.db, () => insertDatabaseServer(this.db, record));
    return publicServer(record);
  }

  list(): DatabaseServer[] {
    return listDatabaseServers(this.db).map(publicServer);
  }

  remove(serverId: string): void {
    inTransaction(this.db, () => {
      const server = this.record(serverId);
      if (server.isDefault) throw conflict('the default database server cannot be removed');
      const apps = countAppsOnDatabaseServer(this.db, serverId);
      if (apps > 0) throw conflict(`${apps} app(s) keep their database on this server`, { apps });
      deleteDatabaseServer(this.db, serverId);
    });
  }

  record(serverId: string): DatabaseServerRecord {
    const server = findDatabaseServer(this.db, serverId);
    if (!server) throw notFound('database server', serverId);
    return server;
  }

  /** The server new apps use when none is named. */
  defaultServer(): DatabaseServerRecord {
    const server = findDefaultDatabaseServer(this.db);
    if (!server) {
      throw new RpcError(
        ErrorCode.Unavailable,
        'no database server is registered (databaseServers/register)',
        {
          reason: 'NO_DATABASE_SERVER',
        },
      );
    }
    return server;
  }

  connection(serverId: string): PgServer {
    return this.record(serverId);
  }

  /**
   * The app a database belongs to: the app whose database it is, or whose database name followed by `_`
   * starts its name (a copy `databases/duplicate` made, an update's snapshot). The longest such name
   * wins, so a copy belongs to its own source.
   */
  owningApp(serverId: string, name: string): AppRecord | undefined {
    let best: AppRecord | undefined;
    for (const app of listApps(this.db, { includeDisabled: true })) {
      if (app.databaseServerId !== serverId) continue;
      if (app.databaseName === name) return app;
      const prefixes = name.startsWith(`${app.databaseName}_`);
      if (prefixes && app.databaseName.length > (best?.databaseName.length ?? 0)) best = app;
    }
    return best;
  }

  /** Where an app's database lives in the organizations: for audit entries of acts on it. */
  scopeOf(app: AppRecord): { organizationId: string; projectId: string } | undefined {
    const project = findProject(this.db, app.projectId);
    return project && { organizationId: project.organizationId, projectId: project.id };
  }

  async listDatabases(serverId: string): Promise<Database[]> {
    const server = this.record(serverId);
    const owners = new Map(
      listApps(this.db, { includeDisabled: true })
        .filter((app) => app.databaseServerId === serverId)
        .map((app) => [app.databaseName, app.id]),
    );
    const databases = await asRpc(() => this.pg.listDatabases(server));
    return databases
      .filter((d) => !SYSTEM_DATABASES.has(d.name))
      .map((d) => ({ ...d, appId: owners.get(d.name) ?? null }));
  }

  async createDatabase(serverId: string, name: string, owner?: string): Promise<Database> {
    const server = this.record(serverId);
    this.refuseSystem(name);
    await asRpc(() => this.pg.createDatabase(server, name, owner));
    return this.describe(server, name);
  }

  async dropDatabase(serverId: string, name: string, confirmName: string): Promise<void> {
    const server = this.record(serverId);
    if (confirmName !== name) throw invalidField(['confirmName'], 'must equal the database name');
    this.refuseSystem(name);
    const app = findAppByDatabase(this.db, serverId, name);
    if (app)
      throw conflict(`database ${name} belongs to app ${app.name}: use apps/destroy`, { appId: app.id });
    if (!(await asRpc(() => this.pg.databaseExists(server, name)))) throw notFound('database', name);
    await asRpc(() => this.pg.dropDatabase(server, name));
  }

  async duplicateDatabase(serverId: string, source: string, target: string): Promise<Database> {
    const server = this.record(serverId);
    this.refuseSystem(source);
    this.refuseSystem(target);
    if (!(await asRpc(() => this.pg.databaseExists(server, source)))) throw notFound('database', source);
    await asRpc(() => this.pg.copyDatabase(server, source, target));
    return this.describe(server, target);
  }

  private refuseSystem(name: string): void {
    if (SYSTEM_DATABASES.has(name)) throw invalidField(['name'], `${name} is a system database`);
  }

  private async describe(server: DatabaseServerRecord, name: string): Promise<Database> {
    const found = await asRpc(() => this.pg.describeDatabase(server, name));
    if (!found) throw notFound('database', name);
    return { ...found, appId: findAppByDatabase(this.db, server.id, name)?.id ?? null };
  }
}
