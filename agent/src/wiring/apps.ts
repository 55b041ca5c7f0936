import { hostname } from 'node:os';
import { mkdirSync, readFileSync } from 'node:fs';
import { DEPLOY_JOB_KINDS, type ReconcileReport } from '@paas/protocol';
import { DockerodeAdapter } from '../adapters/docker/dockerodeAdapter';
import { LocalAppFiles } from '../adapters/files/localAppFiles';
import { SimpleGitAdapter } from '../adapters/git/simpleGitAdapter';
import { PgAdapter } from '../adapters/postgres/pgAdapter';
import { HttpAppProxy } from '../adapters/proxy/httpAppProxy';
import type { AgentConfig } from '../config';
import type { Logger } from '../log';
import { AppRegistry } from '../services/apps/appRegistry';
import { AppModules } from '../services/apps/appModules';
import { AppService } from '../services/apps/appService';
import { ContainerWatch } from '../services/apps/containerWatch';
import type { AppDeps } from '../services/apps/deps';
import { Layout } from '../services/apps/layout';
import { AppLifecycle } from '../services/apps/lifecycle';
import { LogStats } from '../services/apps/logStats';
import { LogStreams } from '../services/apps/logStreams';
import { Mirrors } from '../services/apps/mirrors';
import { runDryRun } from '../services/apps/pipeline/dryRun';
import type { CopyAppDatabase, CopyProduction, PreUpdateBackup } from '../services/apps/pipeline/run';
import { runJob } from '../services/apps/pipeline/runJob';
import { AppTeardown } from '../services/apps/projectDeletion';
import { Reconciler } from '../services/apps/reconciler';
import { DatabaseServerService } from '../services/databaseServers';
import { JobQueue, SHUTDOWN } from '../services/jobs/jobQueue';
import { JobService } from '../services/jobs/jobService';
import { JobWorkers } from '../services/jobs/jobWorkers';
import { RunnerService } from '../services/runners/runnerService';
import type { Notifier } from '../services/notifier';
import type { PlanService } from '../services/plans';
import { findApp } from '../store/apps';
import type { Db } from '../store/database';
import { findJob } from '../store/jobs';
import { readRegistryCredentials } from '../store/projects';

/** The host name app URLs use: the publish address, or the machine's name when it listens everywhere. */
function urlHostOf(publishAddress: string): string {
  return publishAddress === '0.0.0.0' || publishAddress === '::' ? hostname() : publishAddress;
}

/** The app services' adapters and settings, from the config. */
function createAppDeps(
  config: AgentConfig,
  db: Db,
  serverId: string,
  notifier: Notifier,
  log: Logger,
): AppDeps {
  const layout = new Layout(config.dataDir);
  mkdirSync(layout.scratch(), { recursive: true, mode: 0o700 });
  const pg = new PgAdapter();
  const databases = new DatabaseServerService(db, pg);
  if (config.defaultDatabaseServer) {
    const password = readFileSync(config.defaultDatabaseServer.adminPasswordFile, 'utf8').trim();
    databases.ensureFromConfig(config.defaultDatabaseServer, password);
  }
  const git = new SimpleGitAdapter(layout.scratch(), layout.knownHosts(), config.gitCaFile);
  const proxy = new HttpAppProxy();
  return {
    db,
    serverId,
    docker: new DockerodeAdapter(config.dockerSocket),
    pg,
    files: new LocalAppFiles(),
    proxy,
    mirrors: new Mirrors(git, layout, (projectId) => readRegistryCredentials(db, projectId)),
    layout,
    databases,
    apps: new AppRegistry(db, notifier, urlHostOf(config.publishAddress)),
    notifier,
    settings: {
      publishAddress: config.publishAddress,
      appUid: config.appUid,
      appCpus: config.appCpus,
      appMemoryMb: config.appMemoryMb,
      healthPath: config.healthPath,
      healthTimeoutMs: config.healthTimeoutSeconds * 1000,
      initTimeoutMs: config.initTimeoutSeconds * 1000,
    },
    log,
  };
}

/**
 * Wires apps, jobs and database servers: adapters, services, the job queue and its workers. Nothing runs
 * until {@link AppsWiring.start}: the backups register their job workers first.
 */
export function createApps(
  config: AgentConfig,
  db: Db,
  serverId: string,
  notifier: Notifier,
  plans: PlanService,
  log: Logger,
) {
  const deps = createAppDeps(config, db, serverId, notifier, log);
  const stats = new LogStats(deps);
  const workers = new JobWorkers(db);
  const queue = new JobQueue((jobId, signal) => workers.run(jobId, signal), config.maxConcurrentJobs, log);
  const jobs = new JobService(db, notifier, queue);
  const lifecycle = new AppLifecycle(deps, stats);
  const logStreams = new LogStreams(deps);
  const watch = new ContainerWatch(deps);
  const runners = new RunnerService(deps, jobs, {
    enabled: config.runnersEnabled,
    folder: config.runnersFolder,
    allowBecome: config.runnersAllowBecome,
  });
  let report: ReconcileReport | null = null;
  return {
    deps,
    jobs,
    workers,
    lifecycle,
    stats,
    services: {
      apps: new AppService(deps, jobs, plans),
      appModules: new AppModules(deps, jobs),
      lifecycle,
      logStreams,
      jobs,
      databaseServers: deps.databases,
      mirrors: deps.mirrors,
      runners,
      lastReconcile: () => report,
    },
    teardown: new AppTeardown(deps, lifecycle),
    /**
     * Registers the deploy and update worker (with the pre-update backup), the dry runs' and the runners', reconciles Docker with the
     * store and resumes queued jobs.
     */
    async start(
      backupBeforeUpdate: PreUpdateBackup,
      copyProduction?: CopyProduction,
      copyAppDatabase?: CopyAppDatabase,
    ): Promise<void> {
      workers.register(DEPLOY_JOB_KINDS, async (jobId, signal) => {
        await runJob(deps, jobId, signal, backupBeforeUpdate, copyProduction);
        const job = findJob(db, jobId);
        const app = job && findApp(db, job.appId);
        if (job?.state === 'succeeded' && app) stats.watch(app);
      });
      workers.register(['runner'], (jobId, signal) => runners.work(jobId, signal));
      if (copyAppDatabase)
        workers.register(['dryRun'], (jobId, signal) => runDryRun(deps, jobId, signal, copyAppDatabase));
      await runners.sweep();
      report = await reconcile(deps, queue, stats, log);
      watch.start();
    },
    async close() {
      await watch.close();
      await queue.close(SHUTDOWN);
      logStreams.closeAll();
      stats.closeAll();
      await deps.proxy.closeAll();
    },
  };
}

export type AppsWiring = ReturnType<typeof createApps>;

/** Reconciles at start; a failure is logged and leaves apps unserved until the next start. */
async function reconcile(
  deps: AppDeps,
  queue: JobQueue,
  stats: LogStats,
  log: Logger,
): Promise<ReconcileReport | null> {
  try {
    const { report, queuedJobs } = await new Reconciler(deps).run();
    for (const jobId of queuedJobs) queue.enqueue(jobId);
    for (const appId of report.resumedApps) {
      const app = findApp(deps.db, appId);
      if (app) stats.watch(app);
    }
    log.info({ ...report, unknownContainers: report.unknownContainers.length }, 'reconciled');
    return report;
  } catch (error) {
    log.error(
      { err: error },
      'reconcile failed; apps are not served until the agent restarts with Docker up',
    );
    return null;
  }
}
