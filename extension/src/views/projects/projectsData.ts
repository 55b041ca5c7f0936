import {
  AppDidChange,
  GetApp,
  GetPermissions,
  GetProject,
  JobDidProgress,
  ListApps,
  ListJobs,
  ListProjects,
  PENDING_JOB_STATES,
  type App,
  type Environment,
  type Job,
  type Permissions,
  type Project,
} from '@paas/protocol';
import * as vscode from 'vscode';
import type { AgentConnection } from '../../client/agentConnection';
import type { Connections } from '../../client/connections';
import type { OrganizationChoice } from '../../client/organizationChoice';
import type { Log } from '../../log';

/** Everything one agent told us about its projects, kept current by notifications. */
export interface ServerSnapshot {
  projects: Project[];
  environments: Environment[];
  apps: Map<string, App>;
  jobs: Map<string, Job>;
  /** The caller's permissions per project id (collaborator grants can differ from the organization role). */
  permissions: Map<string, Permissions>;
}

/** Recent jobs per project the Jobs view lists. */
const JOBS_PER_PROJECT = 20;

/**
 * Loads projects, environments, apps and recent jobs from every connected agent, and keeps them current
 * with `apps/didChange` and `jobs/didProgress`. Features the agent does not offer (per the handshake's
 * capabilities) are skipped rather than failing.
 */
export class ProjectsData implements vscode.Disposable {
  private readonly snapshots = new Map<string, ServerSnapshot>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly watched = new Set<string>();

  constructor(
    private readonly connections: Connections,
    private readonly log: Log,
    /** Each server's current organization: the view lists its projects (all of them before a choice). */
    private readonly organizations?: OrganizationChoice,
  ) {
    this.subscriptions.push(
      connections.onDidChange((connection) => {
        if (!connection) this.forgetRemoved();
        else if (connection.state.kind === 'connected') void this.load(connection);
      }),
    );
    if (organizations)
      this.subscriptions.push(
        organizations.onDidChange((serverId) => {
          const connection = connections.get(serverId);
          if (connection?.session) void this.load(connection);
        }),
      );
    for (const connection of connections.all()) if (connection.session) void this.load(connection);
  }

  snapshot(serverId: string): ServerSnapshot | undefined {
    return this.snapshots.get(serverId);
  }

  /** Every app of every server, with the server it lives on. */
  *apps(): Iterable<{ serverId: string; app: App }> {
    for (const [serverId, snapshot] of this.snapshots)
      for (const app of snapshot.apps.values()) yield { serverId, app };
  }

  /** What the caller may do in a project: its own grants when the agent reports them, else the organization's. */
  permissions(serverId: string, projectId: string): Permissions | undefined {
    return (
      this.snapshots.get(serverId)?.permissions.get(projectId) ??
      this.connections.get(serverId)?.session?.permissions
    );
  }

  findApp(appId: string): { serverId: string; app: App } | undefined {
    for (const entry of this.apps()) if (entry.app.id === appId) return entry;
    return undefined;
  }

  /** Reloads every connected server. */
  async refresh(): Promise<void> {
    await Promise.all(
      this.connections
        .all()
        .filter((c) => c.session)
        .map((c) => this.load(c)),
    );
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
  }

  private watch(connection: AgentConnection): void {
    if (this.watched.has(connection.serverId)) return;
    this.watched.add(connection.serverId);
    this.subscriptions.push(
      connection.onNotification(AppDidChange, ({ app, destroyed }) => {
        const apps = this.snapshots.get(connection.serverId)?.apps;
        if (!apps) return;
        if (destroyed) apps.delete(app.id);
        else apps.set(app.id, app);
        this.changed.fire();
      }),
      connection.onNotification(JobDidProgress, ({ job }) => {
        this.snapshots.get(connection.serverId)?.jobs.set(job.id, job);
        this.changed.fire();
        // The app's pending job, commit and revision change when its job ends: read it afresh.
        if (!PENDING_JOB_STATES.includes(job.state)) void this.reloadApp(connection, job.appId);
      }),
    );
  }

  private async load(connection: AgentConnection): Promise<void> {
    const session = connection.session;
    if (!session) return;
    this.watch(connection);
    try {
      const { projects } = await connection.request(ListProjects, {
        organizationId: this.organizations?.get(connection.serverId)?.id,
      });
      const perProject = await Promise.all(
        projects.map(async (project) => {
          const [{ environments }, apps, jobs, access] = await Promise.all([
            connection.request(GetProject, { projectId: project.id }),
            session.methods.has(ListApps.method)
              ? connection.request(ListApps, { projectId: project.id, includeDisabled: true })
              : { apps: [] },
            session.methods.has(ListJobs.method)
              ? connection.request(ListJobs, { projectId: project.id, limit: JOBS_PER_PROJECT })
              : { jobs: [] },
            session.methods.has(GetPermissions.method)
              ? connection.request(GetPermissions, { projectId: project.id })
              : { permissions: undefined },
          ]);
          return { project, environments, apps: apps.apps, jobs: jobs.jobs, permissions: access.permissions };
        }),
      );
      this.snapshots.set(connection.serverId, {
        projects,
        environments: perProject.flatMap((p) => p.environments),
        apps: new Map(perProject.flatMap((p) => p.apps).map((app) => [app.id, app])),
        jobs: new Map(perProject.flatMap((p) => p.jobs).map((job) => [job.id, job])),
        permissions: new Map(
          perProject.flatMap((p) => (p.permissions ? [[p.project.id, p.permissions] as const] : [])),
        ),
      });
      this.changed.fire();
    } catch (error) {
      this.log.warn(`loading projects failed: ${(error as Error).message}`);
    }
  }

  private async reloadApp(connection: AgentConnection, appId: string): Promise<void> {
    const apps = this.snapshots.get(connection.serverId)?.apps;
    try {
      const { app } = await connection.request(GetApp, { appId });
      apps?.set(app.id, app);
      this.changed.fire();
    } catch (error) {
      // A destroyed app answers NotFound: its apps/didChange already dropped it.
      this.log.debug(`reloading app ${appId}: ${(error as Error).message}`);
    }
  }

  private forgetRemoved(): void {
    const ids = new Set(this.connections.all().map((c) => c.serverId));
    for (const id of this.snapshots.keys()) if (!ids.has(id)) this.snapshots.delete(id);
    this.changed.fire();
  }
}
