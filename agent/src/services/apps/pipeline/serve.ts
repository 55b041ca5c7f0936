import { isAdapterError } from '../../../adapters/errors';
import { findFreePort } from '../../../adapters/proxy/freePort';
import { nowIso } from '../../../ids';
import { containerSpec, revisionLabels } from '../containerSpec';
import type { AppDeps } from '../deps';
import { projectNetworkName } from '../names';
import { waitHealthyOrRegistryFailure } from '../registryFailure';
import { serverCommand } from '../odooConfig';
import { dropAppDatabase } from './cleanDatabase';
import type { Run } from './run';
import { step } from './run';

/** A revision container's spec but its port and settings (those `runOnFreePort` adds). */
export type RevisionContainer = Omit<Parameters<typeof containerSpec>[0], 'hostPort' | 'settings'>;

/**
 * Creates a revision's container on a free loopback port and starts it (unless `start` is false); one more
 * try on another port when the free port was taken between the check and Docker's bind. Resolves the port.
 */
export async function runOnFreePort(
  deps: AppDeps,
  container: RevisionContainer,
  start = true,
): Promise<number> {
  const attempt = async (): Promise<number> => {
    const port = await findFreePort('127.0.0.1');
    await deps.docker.remove(container.name);
    await deps.docker.create(containerSpec({ ...container, settings: deps.settings, hostPort: port }));
    if (start) await deps.docker.start(container.name);
    return port;
  };
  try {
    return await attempt();
  } catch (error) {
    if (!isAdapterError(error, 'DOCKER_PORT_IN_USE')) throw error;
    return attempt();
  }
}

/** Start: the new revision's container, beside the old one, with `restart: unless-stopped` and an init. */
export async function startStep(run: Run): Promise<void> {
  const { deps, app } = run;
  await step(run, 'start', async () => {
    run.port = await runOnFreePort(deps, {
      name: run.container,
      image: run.image,
      cmd: serverCommand(run.database),
      labels: revisionLabels(deps.serverId, app, run.commit!, run.job.revision),
      network: projectNetworkName(run.project.code),
      mounts: run.mounts!,
    });
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
 * finish (or, after a module update, the held traffic is let through), then the old container, its
 * checkout and the snapshot are removed.
 */
export async function switchStep(run: Run): Promise<void> {
  const { deps, app } = run;
  await step(run, 'switch', async () => {
    if (deps.proxy.targetOf(app.id) === undefined) {
      await deps.proxy.serve(app.id, deps.settings.publishAddress, app.publicPort, run.port!);
    } else {
      await deps.proxy.switchTarget(app.id, run.port!);
    }
    deps.proxy.release(app.id);
    const held = run.heldSince === undefined ? '' : `; traffic held ${Date.now() - run.heldSince} ms`;
    run.tracker.remember({ switched: true });
    const now = nowIso();
    deps.apps.change(app.id, {
      state: 'running',
      revision: run.job.revision,
      commitSha: run.commit!,
      containerName: run.container,
      containerPort: run.port!,
      databaseName: run.database,
      lastDeployedAt: now,
      lastError: null,
      logWarnings: 0,
      logErrors: 0,
      logSince: now,
      queueRunner: null,
    });
    await retireRevision(run);
    return `serving revision ${run.job.revision}${held}`;
  });
}

/**
 * Removes what the previous revision left: container, checkout, the snapshot taken for this update, and,
 * after a clean build, the database it served (only now: until the switch it was the fallback).
 */
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
  if (run.database !== app.databaseName) {
    await dropAppDatabase(deps, app, app.databaseName);
    run.tracker.log('switch', `dropped the previous database ${app.databaseName}`);
  }
}
