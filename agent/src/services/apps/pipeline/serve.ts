import { isAdapterError } from '../../../adapters/errors';
import { findFreePort } from '../../../adapters/proxy/freePort';
import { nowIso } from '../../../ids';
import { containerSpec, revisionLabels } from '../containerSpec';
import { waitHealthyOrRegistryFailure } from '../registryFailure';
import { serverCommand } from '../odooConfig';
import type { Run } from './run';
import { step } from './run';

/** Creates and starts the revision's container on a free loopback port; resolves the port. */
async function startContainer(run: Run): Promise<number> {
  const { deps, app } = run;
  const port = await findFreePort('127.0.0.1');
  await deps.docker.remove(run.container);
  await deps.docker.create(
    containerSpec({
      name: run.container,
      image: run.image,
      cmd: serverCommand(app.databaseName),
      labels: revisionLabels(deps.serverId, app, run.commit!, run.job.revision),
      mounts: run.mounts!,
      settings: deps.settings,
      hostPort: port,
    }),
  );
  await deps.docker.start(run.container);
  return port;
}

/** Start: the new revision's container, beside the old one, with `restart: unless-stopped` and an init. */
export async function startStep(run: Run): Promise<void> {
  await step(run, 'start', async () => {
    try {
      run.port = await startContainer(run);
    } catch (error) {
      // The free port was taken between the check and Docker's bind: one more try on another port.
      if (!isAdapterError(error, 'DOCKER_PORT_IN_USE')) throw error;
      run.port = await startContainer(run);
    }
    return `${run.container} on 127.0.0.1:${run.port}`;
  });
}

/** Health: waits until the new revision answers its health path; its log goes into the step either way. */
export async function healthStep(run: Run): Promise<void> {
  const { deps } = run;
  await step(run, 'health', async () => {
    try {
      const ms = await waitHealthyOrRegistryFailure({
        docker: deps.docker,
        container: run.container,
        port: run.port!,
        path: deps.settings.healthPath,
        timeoutMs: deps.settings.healthTimeoutMs,
        restartsBefore: 0,
        signal: run.signal,
      });
      run.tracker.log('health', await deps.docker.readLogs(run.container, 100).catch(() => ''));
      return `${deps.settings.healthPath} answered after ${ms} ms`;
    } catch (error) {
      run.tracker.log('health', await deps.docker.readLogs(run.container, 300).catch(() => ''));
      throw error;
    }
  });
}

/**
 * Switch: the app's proxy sends new requests to the new revision, requests in flight on the old one
 * finish, then the old container, its checkout and the snapshot are removed.
 */
export async function switchStep(run: Run): Promise<void> {
  const { deps, app } = run;
  await step(run, 'switch', async () => {
    if (deps.proxy.targetOf(app.id) === undefined) {
      await deps.proxy.serve(app.id, deps.settings.publishAddress, app.publicPort, run.port!);
    } else {
      await deps.proxy.switchTarget(app.id, run.port!);
    }
    run.tracker.remember({ switched: true });
    const now = nowIso();
    deps.apps.change(app.id, {
      state: 'running',
      revision: run.job.revision,
      commitSha: run.commit!,
      containerName: run.container,
      containerPort: run.port!,
      lastDeployedAt: now,
      lastError: null,
      logWarnings: 0,
      logErrors: 0,
      logSince: now,
    });
    await retireRevision(run);
    return `serving revision ${run.job.revision}`;
  });
}

/** Removes what the previous revision left: container, checkout, and the snapshot taken for this update. */
async function retireRevision(run: Run): Promise<void> {
  const { deps, app } = run;
  if (app.containerName && app.containerName !== run.container) {
    await deps.docker.stop(app.containerName, 10).catch(() => undefined);
    await deps.docker.remove(app.containerName);
    run.tracker.log('switch', `removed ${app.containerName}`);
  }
  if (app.revision > 0 && app.revision !== run.job.revision) {
    await deps.mirrors.removeCheckout(run.project.code, deps.layout.source(app.id, app.revision));
    await deps.files.remove(deps.layout.revision(app.id, app.revision));
  }
  const snapshot = run.tracker.job.undo.snapshotDatabase;
  if (snapshot) await deps.pg.dropDatabase(deps.databases.record(app.databaseServerId), snapshot);
}
