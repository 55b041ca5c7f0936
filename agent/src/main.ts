import { hostname } from 'node:os';
import type { AgentConfig } from './config';
import { Dispatcher } from './handlers/dispatcher';
import { createHandlers } from './handlers/index';
import { createLogger, type Logger } from './log';
import { TokenService } from './services/tokens';
import { appendAudit } from './store/audit';
import { changesByOthers, openStore } from './store/database';
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
import { Notifier } from './services/notifier';
import { Authenticator } from './transport/auth';
import { AgentTransport } from './transport/server';
import { SessionGuard } from './transport/sessionGuard';
import { ensureCertificate } from './transport/tls';
import { AGENT_VERSION } from './version';
import { createApps } from './wiring/apps';
import { createBackups } from './wiring/backups';
import { createMetrics } from './wiring/metrics';
import { serveTransfers } from './wiring/transfers';

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

/** Wires the agent together: the only place that knows every part. */
export async function startAgent(
  config: AgentConfig,
  log: Logger = createLogger(config.logLevel),
): Promise<RunningAgent> {
  const db = openStore(config.dataDir, config.secretKeyFile);
  let metrics: ReturnType<typeof createMetrics> | undefined;
  let backups: Awaited<ReturnType<typeof createBackups>> | undefined;
  let apps: ReturnType<typeof createApps> | undefined;
  try {
    const server = ensureLocalServer(db, hostname());
    ensureFirstOrganization(db, hostname());
    const certificate = config.tls
      ? await ensureCertificate(config.dataDir, config.certificateNames)
      : undefined;
    const tokens = new TokenService(db);
    const authenticator = new Authenticator(tokens, db, {
      failuresPerWindow: config.authFailuresPerWindow,
      windowSeconds: config.authWindowSeconds,
    });
    metrics = createMetrics(config, server.id, log);
    const access = new MembershipAccess(db);
    const notifier = new Notifier(access);
    // Apps first (backups work on them), then backups (they register their job workers), then the
    // queue starts: stored jobs of every kind find their worker.
    const plans = new PlanService(db);
    apps = createApps(config, db, server.id, notifier, plans, log.child({ component: 'apps' }));
    backups = await createBackups(db, config.dataDir, server.id, apps, notifier, plans, log, {
      maxExpandedBytes: config.importMaxExpandedBytes,
      maxExpansionRatio: config.importMaxExpansionRatio,
      projectQuotaBytes: config.projectBackupQuotaBytes,
    });
    await apps.start(backups.backupBeforeUpdate, backups.copyProduction, backups.copyAppDatabase);
    const handlers = createHandlers({
      db,
      serverId: server.id,
      projects: new ProjectService(db, server.id, plans, [backups.finalBackups, apps.teardown]),
      environments: new EnvironmentService(db, server.id, plans),
      metrics: metrics.sampler,
      organizations: new OrganizationService(db),
      members: new MemberService(db),
      invitations: new InvitationService(db, systemClock, config.invitationTtlSeconds),
      teams: new TeamService(db),
      collaborators: new CollaboratorService(db, plans),
      plans,
      mailer: new LogMailer(log.child({ component: 'mail' })),
      backups: backups.handlerServices,
      finalBackups: backups.finalBackups,
      storages: backups.storages,
      organizationCreation: config.organizationCreation,
      ...apps.services,
    });
    const sessions = new SessionGuard(tokens, changesByOthers(db));
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
        sessions.watch(connection);
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
    metrics.serveTo(transport, authenticator, access);
    serveTransfers(transport, {
      deps: {
        authenticator,
        access,
        audit: (entry) => appendAudit(db, entry),
        log: log.child({ component: 'transfers' }),
      },
      ...backups.transfers,
      apps: backups.transfers.backups.deps.apps,
      maxUploadBytes: config.maxUploadBytes,
    });
    const address = await transport.listen();
    backups.start();
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
        await backups?.close();
        sessions.stop();
        await transport.close();
        await apps?.close();
        metrics?.close();
        db.close();
        log.info('agent stopped');
      },
    };
  } catch (error) {
    await backups?.close();
    await apps?.close().catch(() => undefined);
    metrics?.close();
    db.close();
    throw error;
  }
}
