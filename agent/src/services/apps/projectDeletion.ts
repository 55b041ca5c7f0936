import type { Project } from '@paas/protocol';
import { conflict } from '../../errors';
import { listApps } from '../../store/apps';
import { findPendingJob } from '../../store/jobs';
import type { ProjectTeardown } from '../projects';
import type { AppDeps } from './deps';
import type { AppLifecycle } from './lifecycle';
import { projectNetworkName } from './names';
import { asRpc } from '../adapterErrors';

/**
 * The apps' part of the danger zone's project deletion: every app is destroyed (containers, databases,
 * filestores) one at a time, its record with it, then the project's network and mirror. Refused while a job
 * runs, or while an app's role owns a database the agent did not create, before anything is deleted; a failure
 * halfway leaves the remaining apps for a retry to finish (AppLifecycle.destroy). Final backups belong to
 * the backups feature, which adds its own teardown before this one.
 */
export class AppTeardown implements ProjectTeardown {
  constructor(
    private readonly deps: AppDeps,
    private readonly lifecycle: AppLifecycle,
  ) {}

  async tearDown(project: Project): Promise<void> {
    const apps = listApps(this.deps.db, { projectId: project.id, includeDisabled: true });
    const busy = apps.find((app) => findPendingJob(this.deps.db, app.id));
    if (busy) throw conflict(`app ${busy.name} has a pending job; cancel it first`, { appId: busy.id });
    for (const app of apps) await this.lifecycle.checkForeignDatabases(app);
    for (const app of apps) await this.lifecycle.destroy(app.id, app.name);
    await asRpc(() => this.deps.docker.removeNetwork(projectNetworkName(project.code)));
    await this.deps.mirrors.removeMirror(project.code, (path) => this.deps.files.remove(path));
  }
}
