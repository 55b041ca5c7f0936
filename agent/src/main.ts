import { hostname } from 'node:os';
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
    const handlers = createHandlers({
      db,
      serverId: server.id,
      projects: new ProjectService(db, server.id, plans),
      environments: new EnvironmentService(db, server.id, plans),
      metrics: metrics.sampler,
      organizations: new OrganizationService(db),
      members: new MemberService(db),
      invitations: new InvitationService(db, systemClock, config.invitationTtlSeconds),
      teams: new TeamService(db),
      collaborators: new CollaboratorService(db, plans),
      plans,
      mailer: new LogMailer(log.child({ component: 'mail' })),
    });
    const dispatcher = new Dispatcher(handlers, (entry) => appendAudit(db, entry), new MembershipAccess(db));
    const transport = new AgentTransport(
      {
        host: config.host,
        port: config.port,
        tls: certificate,
        maxPayloadBytes: config.maxPayloadBytes,
        heartbeatMs: config.heartbeatMs,
      },
      authenticator,
      (connection) => dispatcher.attach(connection),
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
        metrics?.close();
        db.close();
        log.info('agent stopped');
      },
    };
  } catch (error) {
    metrics?.close();
    db.close();
    throw error;
  }
}
