import { join } from 'node:path';
import { swapDirectory } from '../../adapters/archive/staging';
import { newId, nowIso } from '../../ids';
import type { AppRecord } from '../../store/apps';
import { JobFailure, jobErrorOf } from '../adapterErrors';
import { effectiveImage } from './appView';
import { revisionLabels, type RevisionMounts } from './containerSpec';
import type { AppDeps } from './deps';
import { waitHealthy } from './health';
import { containerName, projectNetworkName } from './names';
import { dbFilterOf, serverCommand } from './odooConfig';
import { runOnFreePort, type RevisionContainer } from './pipeline/serve';

/** The files the app's running revision mounts, as its deploy's prepare step laid them out. */
async function runningRevisionMounts(deps: AppDeps, app: AppRecord): Promise<RevisionMounts> {
  const sharedDirs: string[] = [];
  while (await deps.files.exists(deps.layout.shared(app.id, app.revision, sharedDirs.length)))
    sharedDirs.push(deps.layout.shared(app.id, app.revision, sharedDirs.length));
  const server = deps.databases.record(app.databaseServerId);
  return {
    sourceDir: deps.layout.source(app.id, app.revision),
    sharedDirs,
    configFile: deps.layout.config(app.id, app.revision),
    dataDir: deps.layout.data(app.id),
    socketDir: server.host.startsWith('/') ? server.host : null,
  };
}

/**
 * The running revision again, on `database`: its odoo.conf names the old database, so the command line
 * pins the new one (`-d`, and `--db-filter`, which Odoo's `db_filter` in `odoo/http.py` checks first).
 */
async function revisionOn(deps: AppDeps, app: AppRecord, database: string): Promise<RevisionContainer> {
  const project = deps.apps.project(app.projectId);
  const base = containerName(project.code, app.environmentType, app.slug, app.revision);
  return {
    name: `${base}-db-${newId(6)}`,
    image: effectiveImage(app, project),
    cmd: [...serverCommand(database), '--db-filter', dbFilterOf(database)],
    labels: revisionLabels(deps.serverId, app, app.commitSha ?? '', app.revision),
    network: projectNetworkName(project.code),
    mounts: await runningRevisionMounts(deps, app),
  };
}

/**
 * Moves an app onto another database of its role (a restored copy) and its staged filestore the way an
 * update moves it onto a new revision: the filestore goes in place under the new database's name, a
 * container of the running revision starts on the new database beside the serving one, and only when it
 * answers the health path (a page that touches the database) does traffic move to it; the old container
 * then stops, and the app shows `running` (as a restart would: an `error` it showed is over). The old
 * database serves until that moment and is never closed under it. A failure before
 * the switch removes the new container and filestore: the app is exactly as it was, still serving. An app
 * that is not serving (stopped, disabled) gets the new container created but not started.
 */
export async function switchDatabase(
  deps: AppDeps,
  appId: string,
  database: string,
  stagedFilestore: string,
): Promise<void> {
  const app = deps.apps.get(appId);
  const filestores = deps.layout.filestores(app.id);
  await deps.files.ensureOwnedDir(filestores, deps.settings.appUid);
  const filestore = join(filestores, database);
  const undoFilestore = await swapDirectory(filestore, stagedFilestore, `${filestore}.previous`);
  await deps.files.ownTree(filestore, deps.settings.appUid);
  if (!app.containerName || app.containerPort === null) {
    deps.apps.change(app.id, { databaseName: database });
    return;
  }
  const serving = typeof deps.proxy.targetOf(app.id) === 'number';
  const candidate = await revisionOn(deps, app, database);
  let port: number;
  try {
    port = await runOnFreePort(deps, candidate, serving);
    if (serving) {
      await waitHealthy({
        docker: deps.docker,
        container: candidate.name,
        port,
        path: deps.settings.healthPath,
        timeoutMs: deps.settings.healthTimeoutMs,
        restartsBefore: 0,
      });
    }
  } catch (error) {
    await deps.docker.remove(candidate.name).catch(() => undefined);
    await undoFilestore();
    const reason = jobErrorOf(error);
    throw new JobFailure(
      reason.code,
      `the app on the restored database did not become healthy (${reason.message}); it still runs on ${app.databaseName} as before`,
    );
  }
  if (serving) await deps.proxy.switchTarget(app.id, port);
  deps.apps.change(app.id, {
    // It serves, healthy, on the restored data: whatever `error` it showed before no longer holds.
    ...(serving ? { state: 'running' as const, lastError: null } : {}),
    databaseName: database,
    containerName: candidate.name,
    containerPort: port,
    logWarnings: 0,
    logErrors: 0,
    logSince: nowIso(),
    queueRunner: null,
  });
  await deps.docker.stop(app.containerName, 10).catch(() => undefined);
  await deps.docker.remove(app.containerName);
}
