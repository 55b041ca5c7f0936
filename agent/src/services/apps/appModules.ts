import type { ModuleDrift } from '@paas/protocol';
import { conflict } from '../../errors';
import type { AppRecord } from '../../store/apps';
import { inTransaction } from '../../store/database';
import { asRpc } from '../adapterErrors';
import type { JobService } from '../jobs/jobService';
import { effectiveImage } from './appView';
import { oneShotLabels } from './containerSpec';
import type { AppDeps } from './deps';
import { imageAddonManifests } from './imageAddons';
import { moduleVersions } from './manifests';
import { moduleDrift } from './moduleDrift';

/** The developer loop on an app's modules: update dry runs and module drift. */
export class AppModules {
  constructor(
    private readonly deps: AppDeps,
    private readonly jobs: JobService,
  ) {}

  /** Queues a `dryRun` job for the app's next revision of `ref` (its branch by default). */
  async dryRunUpdate(
    appId: string,
    ref: string | undefined,
    requestedBy: string,
  ): Promise<{ jobId: string }> {
    const app = this.deployed(appId);
    const project = this.deps.apps.project(app.projectId);
    // A branch that does not exist is refused now, not as a failed job.
    await asRpc(() => this.deps.mirrors.fetchBranch(project, ref ?? app.branch));
    const jobId = inTransaction(this.deps.db, () => {
      const options = ref === undefined ? {} : { ref };
      return this.jobs.create(this.deployed(appId), 'dryRun', requestedBy, { options }).id;
    });
    this.jobs.start(jobId);
    return { jobId };
  }

  /** The app's database modules against the branch's manifests at the deployed commit. */
  async drift(appId: string): Promise<{ commitSha: string; modules: ModuleDrift[] }> {
    const app = this.deployed(appId);
    const { deps } = this;
    const server = deps.databases.record(app.databaseServerId);
    const rows = await asRpc(() => deps.pg.moduleStates(server, app.databaseName));
    const branch = moduleVersions(await this.deployedModules(app), app.odooVersion);
    const image = await asRpc(() =>
      imageAddonManifests(
        deps.docker,
        effectiveImage(app, deps.apps.project(app.projectId)),
        oneShotLabels(deps.serverId, app),
      ),
    );
    return { commitSha: app.commitSha!, modules: moduleDrift(branch, rows, new Set(image.keys())) };
  }

  /** The modules of the deployed revision's checkout and shared addons (excluded addons were removed). */
  private async deployedModules(app: AppRecord) {
    const { files, layout } = this.deps;
    const found = await files.scanModules(layout.source(app.id, app.revision));
    for (let index = 0; await files.exists(layout.shared(app.id, app.revision, index)); index++)
      found.push(...(await files.scanModules(layout.shared(app.id, app.revision, index))));
    return found;
  }

  private deployed(appId: string): AppRecord {
    const app = this.deps.apps.get(appId);
    if (app.disabled) throw conflict(`app ${app.name} is disabled: enable it first`);
    if (app.revision === 0 || !app.commitSha)
      throw conflict(`app ${app.name} was never deployed: deploy or retry it`);
    return app;
  }
}
