import { JobFailure } from '../../adapterErrors';
import { containerSpec, oneShotLabels } from '../containerSpec';
import { diffModules, moduleVersions, type ModuleVersion } from '../manifests';
import { oneShotContainerName, projectNetworkName, snapshotDatabaseName } from '../names';
import { moduleCommand } from '../odooConfig';
import { runOneShot } from '../oneShot';
import { checkModuleStates } from './checkModules';
import type { Run } from './run';
import { holdTraffic } from './maintenance';
import { step } from './run';
import { lastErrors } from '../odooLog';

/** Runs Odoo once with `-i`/`-u` on the new revision's code; fails the step with Odoo's errors. */
async function runOdoo(
  run: Run,
  purpose: 'init' | 'update',
  modules: { install: string[]; update: string[] },
): Promise<void> {
  const { deps, app } = run;
  const stepName = purpose === 'init' ? 'init' : 'moduleUpdate';
  const spec = containerSpec({
    name: oneShotContainerName(run.container, purpose),
    image: run.image,
    cmd: moduleCommand(app.databaseName, modules),
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

/** The modules the running revision has, read from its checkout. */
async function currentModules(run: Run): Promise<ModuleVersion[] | undefined> {
  const { deps, app } = run;
  if (!app.containerName || app.revision === 0) return undefined;
  const found = await deps.files.scanModules(deps.layout.source(app.id, app.revision));
  return moduleVersions(found, app.odooVersion);
}

/** What Odoo must install and update for this revision, by the environment's update type. */
async function plannedChanges(run: Run): Promise<{ install: string[]; update: string[]; why: string }> {
  const automation = run.environment.automation;
  const before = await currentModules(run);
  if (!before) return { install: [], update: [], why: 'no previous revision to compare with' };
  const diff = diffModules(before, run.modules ?? []);
  const install = automation.autoInstall ? diff.added : [];
  if (automation.updateType === 'none') return { install, update: [], why: 'update type is "none"' };
  if (automation.updateType === 'all') return { install, update: ['all'], why: 'update type is "all"' };
  return { install, update: diff.changed, why: 'no module version changed' };
}

/**
 * Init (new database): Odoo installs `base` (and every module of the branch with auto-install).
 * Otherwise, snapshot + module update: when manifest versions changed (Odoo.sh's rule), the app's traffic
 * is held and its revision stopped (see `holdTraffic`), the database is copied, then Odoo runs `-u` for
 * those modules on the new code. Nothing writes meanwhile, so a failure puts the copy back losing nothing.
 * A code-only update skips both: the old revision serves until the switch.
 */
export async function moduleSteps(run: Run): Promise<void> {
  const { deps, app } = run;
  if (run.needsInit) {
    run.tracker.skip('snapshot', 'new database');
    run.tracker.skip('moduleUpdate', 'new database');
    const install = [
      'base',
      ...(run.environment.automation.autoInstall ? (run.modules ?? []).map((m) => m.name) : []),
    ];
    await step(run, 'init', async () => {
      await runOdoo(run, 'init', { install: [...new Set(install)], update: [] });
      return `installed ${install.length > 3 ? `${install.length} modules` : install.join(', ')}`;
    });
    return;
  }
  run.tracker.skip('init', 'database already initialised');
  const changes = await plannedChanges(run);
  if (changes.install.length === 0 && changes.update.length === 0) {
    run.tracker.skip('snapshot', changes.why);
    run.tracker.skip('moduleUpdate', changes.why);
    return;
  }
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
