import { hostname } from 'node:os';
import { mkdirSync, readFileSync } from 'node:fs';
import type { ReconcileReport } from '@paas/protocol';
import { DockerodeAdapter } from './adapters/docker/dockerodeAdapter';
import { LocalAppFiles } from './adapters/files/localAppFiles';
import { SimpleGitAdapter } from './adapters/git/simpleGitAdapter';
import { PgAdapter } from './adapters/postgres/pgAdapter';
import { HttpAppProxy } from './adapters/proxy/httpAppProxy';
import { AppRegistry } from './services/apps/appRegistry';
import { AppService } from './services/apps/appService';
import type { AppDeps } from './services/apps/deps';
import { Layout } from './services/apps/layout';
import { AppLifecycle } from './services/apps/lifecycle';
import { LogStats } from './services/apps/logStats';
import { LogStreams } from './services/apps/logStreams';
import { Mirrors } from './services/apps/mirrors';
import { runJob, SHUTDOWN } from './services/apps/pipeline/runJob';
import { AppTeardown } from './services/apps/projectDeletion';
import { Reconciler } from './services/apps/reconciler';
import { DatabaseServerService } from './services/databaseServers';
import { JobQueue } from './services/jobs/jobQueue';
import { JobService } from './services/jobs/jobService';
import { Notifier } from './services/notifier';
import { findApp } from './store/apps';
import type { Db } from './store/database';
import { findJob } from './store/jobs';
import { readRegistryCredentials } from './store/projects';
import Dockerode from 'dockerode';
import { DockerContainerProbe } from './adapters/docker/dockerContainerProbe';
import { SystemInformationProbe } from './adapters/host/systemInformation';
import { PromClientExposition } from './adapters/prometheus/promClientExposition';
import type { AgentConfig } from './config';
import { Dispatcher } from './handlers/dispatcher';
import { createHandlers } from './handlers/index';
import { createLogger, type Logger } from './log';
import { PrometheusExporter } from './services/metrics/prometheus';
import { MetricsSampler } from './services/metrics/sampler';
import { TokenService } from './services/tokens';
import { appendAudit } from './store/audit';
import { openStore } from './store/database';
import { ensureFirstOrganization } from './store/organizations';
import { ensureLocalServer } from './store/servers';
import { EnvironmentService } from './services/environments';
import { ProjectService } from './services/projects';
import { MembershipAccess } from './services/access';
import { LogMailer } from './adapters/mail/logMailer';
import { systemClock } from './services/clock';
import { CollaboratorService } from './services/collaborators';
import { InvitationService } from './services/invitations';
import { MemberService } from './services/members';
import { OrganizationService } from './services/organizations';
import { PlanService } from './services/plans';
import { TeamService } from './services/teams';
import { Authenticator } from './transport/auth';
import { bearerRoute } from './transport/bearerRoute';
import { AgentTransport } from './transport/server';
import { ensureCertificate } from './transport/tls';
import { AGENT_VERSION } from './version';

/** A started agent, as the CLI and tests see it. */
export interface RunningAgent {
  /** `wss://host:port` (or `ws://` when TLS is off). */
  readonly url: string;
  readonly port: number;
  /** The certificate's SHA-256 fingerprint, or `undefined` without TLS. */
  readonly fingerprint: string | undefined;
  readonly serverId: string;
  /** Stops accepting, closes every connection, then closes the store. */
  close(): Promise<void>;
}

/** The metrics sampler, and the Prometheus exporter when the config enables it. */
function createMetrics(config: AgentConfig, serverId: string, log: Logger) {
  const host = new SystemInformationProbe();
  const containers = new DockerContainerProbe(
    new Dockerode(),
    serverId,
    log.child({ component: 'containers' }),
  );
  const sampler = new MetricsSampler({
    serverId,
    host,
    containers,
    log: log.child({ component: 'metrics' }),
  });
  if (config.metricsHistoryAlways) {
    sampler
      .subscribe({
        target: { kind: 'server', serverId },
        intervalSeconds: config.metricsHistoryIntervalSeconds,
        owner: 'agent',
        deliver: () => undefined,
      })
      .catch((error: unknown) => log.warn({ err: error }, 'cannot start the always-on metrics history'));
  }
  const exporter = config.prometheusEnabled
    ? new PrometheusExporter({ serverId, host, containers, exposition: new PromClientExposition() })
    : undefined;
  return {
    sampler,
    /** Adds the Prometheus route, when enabled. */
    serveTo(transport: AgentTransport, authenticator: Authenticator) {
      if (!exporter) return;
      const route = bearerRoute(authenticator, log.child({ component: 'prometheus' }), async () => ({
        contentType: exporter.contentType,
        body: await exporter.scrape(),
      }));
      transport.route(config.prometheusPath, route);
    },
    close() {
      sampler.close();
      exporter?.close();
    },
  };
}

/** Wires the agent together: the only place that knows every part. */
export async function startAgent(
  config: AgentConfig,
  log: Logger = createLogger(config.logLevel),
): Promise<RunningAgent> {
  const db = openStore(config.dataDir);
  let metrics: ReturnType<typeof createMetrics> | undefined;
  let apps: Awaited<ReturnType<typeof startApps>> | undefined;
  try {
    const server = ensureLocalServer(db, hostname());
    ensureFirstOrganization(db, hostname());
    const certificate = config.tls
      ? await ensureCertificate(config.dataDir, config.certificateNames)
      : undefined;
    const authenticator = new Authenticator(new TokenService(db), db, {
      failuresPerWindow: config.authFailuresPerWindow,
      windowSeconds: config.authWindowSeconds,
    });
    metrics = createMetrics(config, server.id, log);
    const plans = new PlanService(db);
    const access = new MembershipAccess(db);
    const notifier = new Notifier(access);
    apps = await startApps(config, db, server.id, notifier, log.child({ component: 'apps' }));
    const handlers = createHandlers({
      db,
      serverId: server.id,
      projects: new ProjectService(db, server.id, plans, [apps.teardown]),
      environments: new EnvironmentService(db, server.id, plans),
      metrics: metrics.sampler,
      organizations: new OrganizationService(db),
      members: new MemberService(db),
      invitations: new InvitationService(db, systemClock, config.invitationTtlSeconds),
      teams: new TeamService(db),
      collaborators: new CollaboratorService(db, plans),
      plans,
      mailer: new LogMailer(log.child({ component: 'mail' })),
      ...apps.services,
    });
    const dispatcher = new Dispatcher(handlers, (entry) => appendAudit(db, entry), access);
    const transport = new AgentTransport(
      {
        host: config.host,
        port: config.port,
        tls: certificate,
        maxPayloadBytes: config.maxPayloadBytes,
        heartbeatMs: config.heartbeatMs,
      },
      authenticator,
      (connection) => {
        dispatcher.attach(connection);
        notifier.attach(connection);
      },
      log.child({ component: 'transport' }),
    );
    transport.route('/healthz', (_request, response) => {
      response
        .writeHead(200, { 'Content-Type': 'application/json' })
        .end(JSON.stringify({ status: 'ok', version: AGENT_VERSION }));
    });
    metrics.serveTo(transport, authenticator);
    const address = await transport.listen();
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    const url = `${certificate ? 'wss' : 'ws'}://${host}:${address.port}`;
    log.info(
      {
        url,
        port: address.port,
        fingerprint: certificate?.fingerprint,
        serverId: server.id,
        version: AGENT_VERSION,
      },
      'agent listening',
    );
    return {
      url,
      port: address.port,
      fingerprint: certificate?.fingerprint,
      serverId: server.id,
      async close() {
        await transport.close();
        await apps?.close();
        metrics?.close();
        db.close();
        log.info('agent stopped');
      },
    };
  } catch (error) {
    await apps?.close().catch(() => undefined);
    metrics?.close();
    db.close();
    throw error;
  }
}

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
  const git = new SimpleGitAdapter(layout.scratch(), layout.knownHosts());
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
 * Wires apps, jobs and database servers: adapters, services, the job queue; then reconciles Docker with
 * the store and resumes queued jobs.
 */
async function startApps(config: AgentConfig, db: Db, serverId: string, notifier: Notifier, log: Logger) {
  const deps = createAppDeps(config, db, serverId, notifier, log);
  const stats = new LogStats(deps);
  const queue = new JobQueue(
    async (jobId, signal) => {
      await runJob(deps, jobId, signal);
      const job = findJob(db, jobId);
      const app = job && findApp(db, job.appId);
      if (job?.state === 'succeeded' && app) stats.watch(app);
    },
    config.maxConcurrentJobs,
    log,
  );
  const jobs = new JobService(db, notifier, queue);
  const lifecycle = new AppLifecycle(deps, stats);
  const logStreams = new LogStreams(deps);
  let report: ReconcileReport | null = null;
  try {
    const reconciled = await new Reconciler(deps).run();
    report = reconciled.report;
    for (const jobId of reconciled.queuedJobs) queue.enqueue(jobId);
    for (const appId of report.resumedApps) {
      const app = findApp(db, appId);
      if (app) stats.watch(app);
    }
    log.info({ ...report, unknownContainers: report.unknownContainers.length }, 'reconciled');
  } catch (error) {
    log.error(
      { err: error },
      'reconcile failed; apps are not served until the agent restarts with Docker up',
    );
  }
  return {
    services: {
      apps: new AppService(deps, jobs),
      lifecycle,
      logStreams,
      jobs,
      databaseServers: deps.databases,
      lastReconcile: () => report,
    },
    teardown: new AppTeardown(deps, lifecycle),
    async close() {
      await queue.close(SHUTDOWN);
      logStreams.closeAll();
      stats.closeAll();
      await deps.proxy.closeAll();
    },
  };
}
