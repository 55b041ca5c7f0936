import { JobFailure } from '../../adapterErrors';
import { containerSpec, oneShotLabels } from '../containerSpec';
import { diffModules, moduleVersions, type ModuleVersion } from '../manifests';
import { oneShotContainerName, projectNetworkName, snapshotDatabaseName } from '../names';
import { moduleCommand } from '../odooConfig';
import { OdooCommands } from '../odooCommands';
import { runOneShot } from '../oneShot';
import type { OdooNeutralization } from '../../backups/appDirectory';
import { checkModuleStates } from './checkModules';
import { QUEUE_JOB, queueJobToInstall, runsQueueJob } from './queueJob';
import type { Run } from './run';
import { holdTraffic } from './maintenance';
import { step } from './run';
import { lastErrors } from '../odooLog';

/** Runs Odoo once with `-i`/`-u` on the new revision's code; fails the step with Odoo's errors. */
export async function runOdoo(
  run: Run,
  purpose: 'init' | 'update',
  modules: { install: string[]; update: string[] },
): Promise<void> {
  const { deps, app } = run;
  const stepName = purpose === 'init' ? 'init' : 'moduleUpdate';
  const spec = containerSpec({
    name: oneShotContainerName(run.container, purpose),
    image: run.image,
    cmd: moduleCommand(run.database, modules),
    labels: oneShotLabels(deps.serverId, app),
    network: projectNetworkName(run.project.code),
    mounts: run.mounts!,
    settings: deps.settings,
  });
  run.tracker.log(stepName, `$ ${spec.cmd.join(' ')}`);
  const result = await runOneShot(deps.docker, spec, deps.settings.initTimeoutMs, run.signal);
  run.tracker.log(stepName, result.output);
  if (result.exitCode !== 0) {
    throw new JobFailure(
      purpose === 'init' ? 'INIT_FAILED' : 'MODULE_UPDATE_FAILED',
      `${lastErrors(result.output)}\n(Odoo exited with ${result.exitCode})`,
    );
  }
  await checkModuleStates(run, purpose, modules, result.output);
}

/**
 * A new staging app starts on a neutralized copy of the production app's database, as Odoo.sh builds
 * staging; resolves the step's summary, or `undefined` when the project has no production app to copy.
 */
async function copyProduction(run: Run): Promise<string | undefined> {
  const { deps, app } = run;
  const commands = new OdooCommands(deps);
  const neutralize = async (database: string): Promise<OdooNeutralization> => {
    const outcome = await commands.neutralize(app.id, run.image, database, {
      container: run.container,
      mounts: run.mounts!,
    });
    return outcome.ran ? { done: outcome.output } : { fallback: outcome.reason };
  };
  const copy = await run.copyProduction!(app.id, neutralize, run.signal);
  if (!copy) return undefined;
  run.copiedModules = Object.entries(copy.modules).map(([name, version]) => ({
    name,
    version: version ?? '',
  }));
  await deps.files.ownTree(deps.layout.filestores(app.id), deps.settings.appUid);
  run.tracker.log('init', copy.neutralized.join('\n'));
  return `copied production app ${copy.from}, neutralized`;
}

/** A fresh database: Odoo installs `base` (and every module of the branch with auto-install). */
async function initDatabase(run: Run): Promise<string> {
  const install = [
    'base',
    ...(run.environment.automation.autoInstall ? (run.modules ?? []).map((m) => m.name) : []),
    ...(runsQueueJob(run) ? [QUEUE_JOB] : []),
  ];
  await runOdoo(run, 'init', { install: [...new Set(install)], update: [] });
  return `installed ${install.length > 3 ? `${install.length} modules` : install.join(', ')}`;
}

/** The modules the running revision has, read from its checkout. */
async function currentModules(run: Run): Promise<ModuleVersion[] | undefined> {
  const { deps, app } = run;
  if (!app.containerName || app.revision === 0) return undefined;
  const found = await deps.files.scanModules(deps.layout.source(app.id, app.revision));
  return moduleVersions(found, app.odooVersion);
}

/**
 * What Odoo must install and update for this revision, by the environment's update type (and `queue_job`
 * when the environment runs the OCA queue and the database does not have it yet).
 */
export async function plannedChanges(
  run: Run,
): Promise<{ install: string[]; update: string[]; why: string }> {
  const automation = run.environment.automation;
  const queue = await queueJobToInstall(run);
  const before = run.copiedModules ?? (await currentModules(run));
  if (!before) return { install: queue, update: [], why: 'no previous revision to compare with' };
  const diff = diffModules(before, run.modules ?? []);
  const install = [...new Set([...(automation.autoInstall ? diff.added : []), ...queue])];
  if (automation.updateType === 'none') return { install, update: [], why: 'update type is "none"' };
  if (automation.updateType === 'all') return { install, update: ['all'], why: 'update type is "all"' };
  return { install, update: diff.changed, why: 'no module version changed' };
}

/**
 * Init (new database): a new staging app gets a neutralized copy of production's, then updates what its
 * branch changed; others get Odoo's `base` (and the branch's modules with auto-install). Otherwise,
 * snapshot + module update: when manifest versions changed (Odoo.sh's rule), the app's traffic is held and
 * its revision stopped (see `holdTraffic`), the database is copied, then Odoo runs `-u` for those modules
 * on the new code. Nothing writes meanwhile, so a failure puts the copy back losing nothing. A code-only
 * update skips both: the old revision serves until the switch.
 */
export async function moduleSteps(run: Run): Promise<void> {
  const { deps, app } = run;
  if (run.needsInit) {
    const staging =
      app.environmentType === 'staging' &&
      run.copyProduction !== undefined &&
      !run.environment.automation.cleanDatabase;
    await step(
      run,
      'init',
      async () => (staging ? await copyProduction(run) : undefined) ?? initDatabase(run),
    );
    if (!run.copiedModules) {
      run.tracker.skip('snapshot', 'new database');
      run.tracker.skip('moduleUpdate', 'new database');
      return;
    }
  } else run.tracker.skip('init', 'database already initialised');
  const changes = await plannedChanges(run);
  if (changes.install.length === 0 && changes.update.length === 0) {
    run.tracker.skip('snapshot', changes.why);
    run.tracker.skip('moduleUpdate', changes.why);
    return;
  }
  // A new staging app's copy has nothing to roll back to: a failure drops it with the app's first deploy.
  if (run.copiedModules) run.tracker.skip('snapshot', 'a new copy of production');
  else
    await step(run, 'snapshot', async () => {
      const server = deps.databases.record(app.databaseServerId);
      const snapshot = snapshotDatabaseName(app.databaseName, run.job.revision);
      await deps.pg.dropDatabase(server, snapshot);
      const held = await holdTraffic(run);
      run.tracker.log('snapshot', held);
      run.tracker.remember({ snapshotDatabase: snapshot });
      await deps.pg.copyDatabase(server, app.databaseName, snapshot);
      return `${held}; copied ${app.databaseName} to ${snapshot}`;
    });
  await step(run, 'moduleUpdate', async () => {
    await runOdoo(run, 'update', changes);
    const parts = [
      changes.update.length > 0 ? `updated ${changes.update.join(', ')}` : '',
      changes.install.length > 0 ? `installed ${changes.install.join(', ')}` : '',
    ];
    return parts.filter(Boolean).join('; ');
  });
}
