import type { App, Environment } from '@paas/protocol';
import { conflict } from '../../errors';
import { countApps, insertApp, listApps, type AppRecord } from '../../store/apps';
import { inTransaction } from '../../store/database';
import { findLastDeployJob } from '../../store/jobs';
import { asRpc } from '../adapterErrors';
import type { JobService } from '../jobs/jobService';
import type { PlanService } from '../plans';
import { checkAppRules, prepareNewApp, type NewApp } from './appCreation';
import { canRetry } from './appStates';
import type { AppDeps } from './deps';

/** Apps and the jobs that deploy and update them. */
export class AppService {
  constructor(
    private readonly deps: AppDeps,
    private readonly jobs: JobService,
    private readonly plans: PlanService,
  ) {
    // Instances are the apps that exist, disabled ones too: a disabled app keeps its database and files.
    plans.registerUsage('instances', (projectId) => countApps(deps.db, projectId));
  }

  get(appId: string): AppRecord {
    return this.deps.apps.get(appId);
  }

  view(app: AppRecord): App {
    return this.deps.apps.view(app);
  }

  list(filter: { projectId: string; environmentId?: string; includeDisabled: boolean }): App[] {
    this.deps.apps.project(filter.projectId);
    return listApps(this.deps.db, filter).map((app) => this.view(app));
  }

  /** Creates an app on a branch and queues its first deploy. */
  async create(
    params: NewApp,
    environment: Environment,
    requestedBy: string,
  ): Promise<{ app: App; jobId: string }> {
    this.assertRoomForApp(environment.projectId);
    const { app, password } = await prepareNewApp(this.deps, params, environment);
    // The app's public port is held from now on, answering 503 until the first revision is healthy.
    await asRpc(() => this.deps.proxy.serve(app.id, this.deps.settings.publishAddress, app.publicPort, null));
    let jobId: string;
    try {
      jobId = inTransaction(this.deps.db, () => {
        checkAppRules(this.deps.db, app.projectId, app.name, app.environmentType);
        this.assertRoomForApp(app.projectId);
        insertApp(this.deps.db, app, password);
        return this.jobs.create(app, 'deploy', requestedBy).id;
      });
    } catch (error) {
      await this.deps.proxy.close(app.id);
      throw error;
    }
    this.deps.apps.announce(app);
    this.jobs.start(jobId);
    return { app: this.view(this.get(app.id)), jobId };
  }

  /** Queues a full redeploy of an existing app (a new revision of its branch head). */
  redeploy(appId: string, requestedBy: string): { app: App; jobId: string } {
    return this.queue(appId, 'deploy', requestedBy);
  }

  /** Fetches the branch; queues an update when it has a new commit, and says so when it has none. */
  async update(
    appId: string,
    requestedBy: string,
  ): Promise<{ app: App; jobId: string | null; upToDate: boolean; message: string }> {
    const app = this.usable(appId);
    if (app.revision === 0) throw conflict(`app ${app.name} was never deployed: deploy or retry it`);
    const project = this.deps.apps.project(app.projectId);
    const { commit } = await asRpc(() => this.deps.mirrors.fetchBranch(project, app.branch));
    if (commit === app.commitSha) {
      return {
        app: this.view(app),
        jobId: null,
        upToDate: true,
        message: `${app.branch} has no new commit (${commit.slice(0, 12)})`,
      };
    }
    const queued = this.queue(appId, 'update', requestedBy);
    return { ...queued, upToDate: false, message: `updating ${app.branch} to ${commit.slice(0, 12)}` };
  }

  /** Runs the app's last failed, canceled or interrupted job again. */
  retry(appId: string, requestedBy: string): { app: App; jobId: string } {
    const app = this.usable(appId);
    if (!canRetry(app)) {
      throw conflict(`only an app whose last job failed can be retried; ${app.name} is ${app.state}`, {
        state: app.state,
      });
    }
    const last = findLastDeployJob(this.deps.db, app.id);
    return this.queue(appId, last?.kind === 'update' && app.revision > 0 ? 'update' : 'deploy', requestedBy);
  }

  /** LimitExceeded unless the project's plan admits one more app; checked again inside the insert. */
  private assertRoomForApp(projectId: string): void {
    this.plans.assertWithin(projectId, 'instances', countApps(this.deps.db, projectId) + 1);
  }

  private usable(appId: string): AppRecord {
    const app = this.get(appId);
    if (app.disabled) throw conflict(`app ${app.name} is disabled: enable it first`);
    return app;
  }

  private queue(appId: string, kind: 'deploy' | 'update', requestedBy: string): { app: App; jobId: string } {
    const jobId = inTransaction(this.deps.db, () => {
      const app = this.usable(appId);
      const job = this.jobs.create(app, kind, requestedBy);
      return job.id;
    });
    const app = this.deps.apps.change(appId, { state: 'queued' });
    this.jobs.start(jobId);
    return { app: this.view(app), jobId };
  }
}
