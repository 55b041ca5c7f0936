import { ErrorCode, RpcError, type App } from '@paas/protocol';
import { LABELS } from '../../adapters/docker/labels';
import { conflict, invalidField } from '../../errors';
import { deleteApp, type AppRecord } from '../../store/apps';
import { inTransaction } from '../../store/database';
import { findPendingJob } from '../../store/jobs';
import { asRpc, jobErrorOf } from '../adapterErrors';
import type { AppDeps } from './deps';
import { waitHealthy } from './health';
import type { LogStats } from './logStats';
import { ensureProjectNetwork } from './projectNetwork';

/** The `lastError` of an app whose deletion began: it is going, whatever it had. */
export const DELETING = {
  code: 'DELETING',
  message: 'the app is being deleted; if this stays, delete it (or its project) again to finish',
};

/** Stop, start, restart, disable, enable and destroy: immediate operations on an app's current revision. */
export class AppLifecycle {
  constructor(
    private readonly deps: AppDeps,
    private readonly stats: LogStats,
  ) {}

  /** The app, when no job is pending for it (operations never race a deploy). */
  private idle(appId: string): AppRecord {
    const app = this.deps.apps.get(appId);
    const pending = findPendingJob(this.deps.db, appId);
    if (pending)
      throw conflict(`app ${app.name} has a ${pending.state} ${pending.kind} job; wait or cancel it`, {
        jobId: pending.id,
      });
    return app;
  }

  private deployed(appId: string): AppRecord & { containerName: string; containerPort: number } {
    const app = this.idle(appId);
    if (!app.containerName || app.containerPort === null)
      throw conflict(`app ${app.name} has no running revision yet`);
    return app as AppRecord & { containerName: string; containerPort: number };
  }

  async stop(appId: string): Promise<App> {
    const app = this.deployed(appId);
    await this.deps.proxy.switchTarget(app.id, null, 0);
    await asRpc(() => this.deps.docker.stop(app.containerName, 10));
    return this.deps.apps.view(this.deps.apps.change(app.id, { state: 'stopped' }));
  }

  async start(appId: string): Promise<App> {
    const app = this.deployed(appId);
    if (app.disabled) throw conflict(`app ${app.name} is disabled: enable it first`);
    await asRpc(async () => {
      await ensureProjectNetwork(this.deps, app.projectId, app.containerName);
      await this.deps.docker.start(app.containerName);
    });
    return this.serveWhenHealthy(app);
  }

  async restart(appId: string): Promise<App> {
    const app = this.deployed(appId);
    if (app.disabled) throw conflict(`app ${app.name} is disabled: enable it first`);
    await asRpc(() => this.deps.docker.restart(app.containerName, 10));
    return this.serveWhenHealthy(app);
  }

  async disable(appId: string): Promise<App> {
    const app = this.idle(appId);
    if (app.containerName) {
      await this.deps.proxy.switchTarget(app.id, null, 0);
      await asRpc(() => this.deps.docker.stop(app.containerName!, 10));
    }
    const state = app.containerName ? 'stopped' : app.state;
    return this.deps.apps.view(this.deps.apps.change(app.id, { disabled: true, state }));
  }

  enable(appId: string): App {
    const app = this.idle(appId);
    return this.deps.apps.view(this.deps.apps.change(app.id, { disabled: false }));
  }

  private async serveWhenHealthy(
    app: AppRecord & { containerName: string; containerPort: number },
  ): Promise<App> {
    const info = await asRpc(() => this.deps.docker.inspect(app.containerName));
    try {
      await waitHealthy({
        restartsBefore: info?.restartCount ?? 0,
        docker: this.deps.docker,
        container: app.containerName,
        port: app.containerPort,
        path: this.deps.settings.healthPath,
        timeoutMs: this.deps.settings.healthTimeoutMs,
      });
    } catch (error) {
      const reason = jobErrorOf(error);
      this.deps.apps.change(app.id, { state: 'error', lastError: reason });
      throw new RpcError(ErrorCode.Unavailable, `app ${app.name} did not become healthy: ${reason.message}`, {
        reason: reason.code,
      });
    }
    if (this.deps.proxy.targetOf(app.id) === undefined) {
      await asRpc(() =>
        this.deps.proxy.serve(app.id, this.deps.settings.publishAddress, app.publicPort, app.containerPort),
      );
    } else {
      await this.deps.proxy.switchTarget(app.id, app.containerPort, 0);
    }
    this.stats.watch(app);
    return this.deps.apps.view(this.deps.apps.change(app.id, { state: 'running', lastError: null }));
  }

  /** Refuses a destroy that cannot go ahead (a pending job, a wrong confirmation) before anything is done. */
  checkDestroy(appId: string, confirmName: string): AppRecord {
    const app = this.idle(appId);
    if (confirmName !== app.name) throw invalidField(['confirmName'], 'must equal the app name');
    return app;
  }

  /**
   * Refuses (Conflict, naming them) to delete an app whose database role owns databases the agent did not
   * create: PostgreSQL would refuse to drop the role, halfway through the deletion.
   */
  async checkForeignDatabases(app: AppRecord): Promise<void> {
    const server = this.deps.databases.record(app.databaseServerId);
    const databases = await asRpc(() => this.deps.pg.listDatabases(server));
    const foreign = databases
      .filter((database) => database.owner === app.databaseRole && database.name !== app.databaseName)
      .map((database) => database.name);
    if (foreign.length > 0)
      throw conflict(
        `app ${app.name}'s database role ${app.databaseRole} owns databases the agent did not create: ` +
          `${foreign.join(', ')}; drop them or give them another owner, then delete again`,
        { appId: app.id, databases: foreign },
      );
  }

  /**
   * Deletes the app and everything it has: containers (every revision carrying its label), database and
   * role, filestore and checkouts, then its record. `confirmName` must equal the app's name. Resumable:
   * the app shows `stopped` (`lastError` `DELETING`) from the first removal on, every removal accepts
   * what is already gone, and the record goes last, so a failure halfway is finished by deleting again.
   */
  async destroy(appId: string, confirmName: string): Promise<void> {
    const app = this.checkDestroy(appId, confirmName);
    await this.checkForeignDatabases(app);
    this.deps.apps.change(app.id, { state: 'stopped', lastError: DELETING });
    this.stats.unwatch(app.id);
    await this.deps.proxy.close(app.id);
    await asRpc(async () => {
      const containers = await this.deps.docker.list([`${LABELS.app}=${app.id}`]);
      for (const container of containers) await this.deps.docker.remove(container.id);
      if (app.containerName) await this.deps.docker.remove(app.containerName);
      const server = this.deps.databases.record(app.databaseServerId);
      await this.deps.pg.dropDatabase(server, app.databaseName);
      await this.deps.pg.dropRole(server, app.databaseRole);
    });
    const project = this.deps.apps.project(app.projectId);
    if (app.revision > 0)
      await this.deps.mirrors.removeCheckout(project.code, this.deps.layout.source(app.id, app.revision));
    await this.deps.files.remove(this.deps.layout.app(app.id));
    inTransaction(this.deps.db, () => deleteApp(this.deps.db, app.id));
    this.deps.apps.announce(app, true);
  }
}
