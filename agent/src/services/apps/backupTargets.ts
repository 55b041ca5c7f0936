import { DELETING } from './lifecycle';
import { join } from 'node:path';
import type { PgServer } from '../../adapters/pgtools/pgServer';
import { listApps, readAppDatabasePassword, type AppRecord } from '../../store/apps';
import { findEnvironment } from '../../store/environments';
import type { AppDirectory, BackupTarget, OdooNeutralization } from '../backups/appDirectory';
import { effectiveImage } from './appView';
import { OdooCommands } from './odooCommands';
import type { AppDeps } from './deps';
import { switchDatabase } from './databaseSwitch';
import type { LogStats } from './logStats';

/**
 * The backups' view of deployed apps: an app's database is `databaseName` on its database server, owned
 * by its role `databaseRole` (prepare.ts); its filestore is Odoo's `<data_dir>/filestore/<database>`,
 * where data_dir is the app's host directory mounted at /var/lib/odoo (layout.ts).
 */
export class DeployedApps implements AppDirectory {
  private readonly commands: OdooCommands;

  constructor(
    private readonly deps: AppDeps,
    private readonly stats: LogStats,
  ) {
    this.commands = new OdooCommands(deps);
  }

  target(appId: string): BackupTarget {
    return this.targetOf(this.deps.apps.get(appId));
  }

  appsOf(environmentId: string): BackupTarget[] {
    const environment = findEnvironment(this.deps.db, environmentId);
    if (!environment) return [];
    return listApps(this.deps.db, { projectId: environment.projectId, environmentId, includeDisabled: false })
      .filter((app) => app.revision > 0)
      .map((app) => this.targetOf(app));
  }

  appsOfProject(projectId: string): BackupTarget[] {
    return listApps(this.deps.db, { projectId, includeDisabled: true })
      .filter((app) => app.revision > 0 && app.lastError?.code !== DELETING.code)
      .map((app) => this.targetOf(app));
  }

  defaultServer(): PgServer {
    return this.pgServer(this.deps.databases.defaultServer().id);
  }

  servers(): PgServer[] {
    return this.deps.databases.list().map((server) => this.pgServer(server.id));
  }

  async switchDatabase(appId: string, database: string, filestoreDir: string): Promise<void> {
    await switchDatabase(this.deps, appId, database, filestoreDir);
    // The log badges follow the container the app now runs.
    this.stats.watch(this.deps.apps.get(appId));
  }

  async odooRelease(appId: string): Promise<string | undefined> {
    return this.commands.release(appId, this.imageOf(appId));
  }

  async neutralizeWithOdoo(appId: string, database: string): Promise<OdooNeutralization> {
    const outcome = await this.commands.neutralize(appId, this.imageOf(appId), database);
    return outcome.ran ? { done: outcome.output } : { fallback: outcome.reason };
  }

  private imageOf(appId: string): string {
    const app = this.deps.apps.get(appId);
    return effectiveImage(app, this.deps.apps.project(app.projectId));
  }

  setNeutralized(appId: string, neutralized: boolean): void {
    this.deps.apps.change(appId, { neutralized });
  }

  private targetOf(app: AppRecord): BackupTarget {
    const project = this.deps.apps.project(app.projectId);
    const server = this.pgServer(app.databaseServerId);
    return {
      appId: app.id,
      appName: app.name,
      appSlug: app.slug,
      projectId: app.projectId,
      projectCode: project.code,
      environmentId: app.environmentId,
      environmentType: app.environmentType,
      commitSha: app.commitSha,
      revision: app.revision,
      odooVersion: app.odooVersion,
      server,
      database: app.databaseName,
      owner: {
        ...server,
        adminUser: app.databaseRole,
        adminPassword: readAppDatabasePassword(this.deps.db, app.id),
      },
      filestoreDir: join(this.deps.layout.filestores(app.id), app.databaseName),
    };
  }

  private pgServer(serverId: string): PgServer {
    const { host, port, adminUser, adminPassword } = this.deps.databases.connection(serverId);
    return { host, port, adminUser, adminPassword };
  }
}
