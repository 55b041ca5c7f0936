import { CANDIDATE_JOB_KINDS, type ReconcileReport } from '@paas/protocol';
import { LABELS } from '../../adapters/docker/labels';
import { nowIso } from '../../ids';
import { findApp, listApps, type AppRecord } from '../../store/apps';
import { findJob, listJobs } from '../../store/jobs';
import { ensureProjectNetwork } from './projectNetwork';
import { JobTracker } from '../jobs/jobTracker';
import type { AppDeps } from './deps';
import { appStateAfter } from './appStates';
import { INTERRUPTED } from '../jobs/jobQueue';
import { undoInterruptedRestore, undoJob } from './pipeline/undo';

/** A module install or update container (names.ts `oneShotContainerName`, labels.ts `oneShotLabels`). */
function isOneShot(container: { name: string; labels: Record<string, string> }): boolean {
  return !(LABELS.app in container.labels) && /-r\d+-(init|update)$/.test(container.name);
}

/**
 * A container of the running revision on a restored database (databaseSwitch.ts `revisionOn`) that the
 * store does not name: a restore's candidate the agent died before switching to, or the one it replaced.
 */
function isSwitchLeftover(container: { name: string; labels: Record<string, string> }): boolean {
  return LABELS.app in container.labels && /-r\d+-db-[a-z0-9]{6}$/.test(container.name);
}

/**
 * Matches what Docker runs to what the store says, at agent start: jobs that were running when the agent
 * died are undone and marked `interrupted` (retryable; the app `running` on its previous revision, or
 * `error` when it had none); apps' containers are found by
 * name and label, started again when they should run, and served by their proxy again; one-shot containers
 * (module install or update) of interrupted jobs are removed; other containers with the agent's labels that
 * no app accounts for are reported, never deleted.
 */
export class Reconciler {
  constructor(private readonly deps: AppDeps) {}

  async run(): Promise<{ report: ReconcileReport; queuedJobs: string[] }> {
    const report: ReconcileReport = {
      ranAt: nowIso(),
      resumedApps: [],
      restartedApps: [],
      missingContainers: [],
      interruptedJobs: [],
      unknownContainers: [],
    };
    const { serverId, db } = this.deps;
    for (const job of listJobs(db, { serverId, states: ['running'], limit: 500 })) {
      await this.interrupt(job.id);
      report.interruptedJobs.push(job.id);
    }
    const apps = listApps(db, { serverId, includeDisabled: true });
    for (const app of apps) await this.resume(app, report);
    await this.findUnknown(apps, report);
    const queued = listJobs(db, { serverId, states: ['queued'], limit: 500 }).reverse();
    return { report, queuedJobs: queued.map((job) => job.id) };
  }

  private async interrupt(jobId: string): Promise<void> {
    const job = findJob(this.deps.db, jobId)!;
    // Backup jobs leave the app as it was: their catalog rows and work files are the backups' to recover.
    // A dry run's copy and checkout are undone here too, but its app's state was never its to change.
    const app = CANDIDATE_JOB_KINDS.includes(job.kind) ? findApp(this.deps.db, job.appId) : undefined;
    const problems = app ? await undoJob(this.deps, job, app) : [];
    const restored = job.kind === 'restore' ? findApp(this.deps.db, job.appId) : undefined;
    if (restored) problems.push(...(await undoInterruptedRestore(this.deps, job, restored)));
    const tracker = new JobTracker(this.deps.db, this.deps.notifier, jobId);
    tracker.interruptRunningSteps();
    tracker.update({
      state: 'interrupted',
      error: INTERRUPTED,
      finishedAt: nowIso(),
    });
    if (app && job.kind !== 'dryRun') {
      // With its previous revision back (an interrupted update), the app shows `running`: `resume` below
      // starts and serves that revision, or marks the app `error` when its container is gone.
      const current = findApp(this.deps.db, app.id)!;
      const previousBack =
        problems.length === 0 && current.containerName !== null && current.containerPort !== null;
      this.deps.apps.change(app.id, {
        state: appStateAfter('interrupted', previousBack),
        lastError: INTERRUPTED,
      });
    }
    this.deps.log.warn({ job: jobId, undoProblems: problems }, 'job interrupted by an agent restart');
  }

  private async resume(app: AppRecord, report: ReconcileReport): Promise<void> {
    if (!app.containerName || app.containerPort === null) return;
    const info = await this.deps.docker.inspect(app.containerName);
    if (!info) {
      report.missingContainers.push(app.id);
      const reason = {
        code: 'CONTAINER_MISSING',
        message: `container ${app.containerName} is gone; redeploy the app`,
      };
      this.deps.apps.change(app.id, { state: 'error', lastError: reason });
      return;
    }
    const shouldRun = app.state !== 'stopped' && !app.disabled;
    if (shouldRun && !info.running) {
      await ensureProjectNetwork(this.deps, app.projectId, app.containerName);
      await this.deps.docker.start(app.containerName);
      report.restartedApps.push(app.id);
    }
    await this.deps.proxy.serve(
      app.id,
      this.deps.settings.publishAddress,
      app.publicPort,
      shouldRun ? app.containerPort : null,
    );
    report.resumedApps.push(app.id);
  }

  private async findUnknown(apps: AppRecord[], report: ReconcileReport): Promise<void> {
    const known = new Set(apps.map((app) => app.containerName).filter(Boolean));
    const containers = await this.deps.docker.list([
      `${LABELS.managed}=true`,
      `${LABELS.server}=${this.deps.serverId}`,
    ]);
    for (const container of containers) {
      if (known.has(container.name)) continue;
      if (isOneShot(container) || isSwitchLeftover(container)) {
        // Its job was interrupted above; the next run of the job makes a new one.
        await this.deps.docker.remove(container.name);
        this.deps.log.info({ container: container.name }, 'removed a container of an interrupted job');
        continue;
      }
      const labels = Object.fromEntries(
        Object.entries(container.labels).filter(([key]) => key.startsWith('sh.paas.')),
      );
      report.unknownContainers.push({
        containerId: container.id,
        name: container.name,
        labels,
        state: container.state,
      });
      this.deps.log.warn(
        { container: container.name, labels },
        'container with agent labels not known to the store (left alone)',
      );
    }
  }
}
