import { randomBytes } from 'node:crypto';
import { readAppDatabasePassword } from '../../../store/apps';
import type { FoundModule } from '../../../adapters/files/appFiles';
import { moduleVersions } from '../manifests';
import { ensureProjectNetwork } from '../projectNetwork';
import { CONTAINER_PATHS, renderOdooConfig } from '../odooConfig';
import { runsQueueJob } from './queueJob';
import type { Run } from './run';
import { step } from './run';

/** Folder names that can go into `addons_path` as they are (no commas, spaces or line breaks). */
const SAFE_PATH = /^[A-Za-z0-9._/-]*$/;

/** Addons roots as container paths, in the order found, without duplicates or unsafe names. */
function addonsPaths(modules: readonly FoundModule[], base: string, skipped: string[]): string[] {
  const roots = new Set<string>();
  for (const module of modules) {
    if (SAFE_PATH.test(module.root)) roots.add(module.root);
    else skipped.push(module.root);
  }
  return [...roots].map((root) => (root === '' ? base : `${base}/${root}`));
}

/** Scans a checkout, dropping excluded addons; returns the modules kept. */
async function scan(run: Run, dir: string, excluded: ReadonlySet<string>): Promise<FoundModule[]> {
  const found = await run.deps.files.scanModules(dir);
  const drop = found.filter((m) => excluded.has(m.name));
  await run.deps.files.removeFolders(
    dir,
    drop.map((m) => (m.root === '' ? m.name : `${m.root}/${m.name}`)),
  );
  return found.filter((m) => !excluded.has(m.name));
}

/**
 * Prepare: the addons path from the folders holding modules (excluded addons removed from the checkout),
 * the revision's odoo.conf (0640, readable by the container's group only) and the filestore directory.
 */
export async function prepareStep(run: Run): Promise<void> {
  const { deps, app } = run;
  await step(run, 'prepare', async () => {
    const excluded = new Set(run.project.configuration.excludedAddons);
    const skipped: string[] = [];
    const own = await scan(run, deps.layout.source(app.id, run.job.revision), excluded);
    const paths = addonsPaths(own, CONTAINER_PATHS.addons, skipped);
    const sharedDirs = run.environment.sharedAddons.map((_, i) =>
      deps.layout.shared(app.id, run.job.revision, i),
    );
    const all = [...own];
    for (const [index, dir] of sharedDirs.entries()) {
      const shared = await scan(run, dir, excluded);
      paths.push(...addonsPaths(shared, `${CONTAINER_PATHS.sharedAddons}/${index}`, skipped));
      all.push(...shared);
    }
    if (skipped.length > 0)
      run.tracker.log('prepare', `skipped folders with unusable names: ${skipped.join(', ')}`);
    run.modules = moduleVersions(all, app.odooVersion);
    const server = deps.databases.record(app.databaseServerId);
    const configFile = deps.layout.config(app.id, run.job.revision);
    const config = renderOdooConfig({
      dbHost: server.host,
      dbPort: server.port,
      dbUser: app.databaseRole,
      dbPassword: readAppDatabasePassword(deps.db, app.id),
      dbName: run.database,
      addonsPaths: paths,
      adminPassword: randomBytes(24).toString('hex'),
      odooVersion: app.odooVersion,
      // One job at a time per CPU the container may use: the runner sends jobs to this same server.
      queueJobChannels: runsQueueJob(run)
        ? `root:${Math.max(1, Math.floor(deps.settings.appCpus))}`
        : undefined,
    });
    await deps.files.writePrivateFile(configFile, config, deps.settings.appUid);
    await deps.files.ensureOwnedDir(deps.layout.data(app.id), deps.settings.appUid);
    run.mounts = {
      sourceDir: deps.layout.source(app.id, run.job.revision),
      sharedDirs,
      configFile,
      dataDir: deps.layout.data(app.id),
      socketDir: server.host.startsWith('/') ? server.host : null,
    };
    const network = await ensureProjectNetwork(deps, run.project.id);
    run.tracker.log('prepare', `addons_path = ${paths.join(',')}; network ${network}`);
    return `${all.length} module(s) in ${paths.length} addons folder(s)`;
  });
}

/** Database: the app's role (with its password) and database exist on the database server. */
export async function databaseStep(run: Run): Promise<void> {
  const { deps, app } = run;
  await step(run, 'database', async () => {
    const server = deps.databases.record(app.databaseServerId);
    // A first deploy owns the database it makes (creation checked it did not exist): remembered before,
    // so an interruption right after CREATE DATABASE still drops it.
    if (app.revision === 0) run.tracker.remember({ createdDatabase: true });
    const password = readAppDatabasePassword(deps.db, app.id);
    if (run.database !== app.databaseName) {
      // A clean build's own database: remembered before it exists, so any failure from here drops it; a
      // leftover of the same name (an interrupted try of this revision) goes first, the build starts empty.
      run.tracker.remember({ cleanDatabase: run.database });
      await deps.pg.dropDatabase(server, run.database);
      await deps.pg.ensureAppDatabase(server, app.databaseRole, password, run.database);
      run.needsInit = true;
      return `created database ${run.database} (clean build; ${app.databaseName} serves until the switch)`;
    }
    const created = await deps.pg.ensureAppDatabase(server, app.databaseRole, password, app.databaseName);
    if (created) run.tracker.remember({ createdDatabase: true });
    run.needsInit = created || app.revision === 0;
    return created ? `created database ${app.databaseName}` : `database ${app.databaseName} ready`;
  });
}
