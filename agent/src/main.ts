import { hostname } from 'node:os';
import type { AgentConfig } from './config';
import { Dispatcher } from './handlers/dispatcher';
import { createHandlers } from './handlers/index';
import { createLogger, type Logger } from './log';
import { TokenService } from './services/tokens';
import { appendAudit } from './store/audit';
import { openStore } from './store/database';
import { ensureFirstOrganization } from './store/organizations';
import { ensureLocalServer } from './store/servers';
import { EnvironmentService } from './services/environments';
import { ProjectService } from './services/projects';
import { TokenRoleAccess } from './services/access';
import { BackupService } from './services/backups/backupService';
import { NoAppDirectory } from './services/backups/noApps';
import { RestoreService } from './services/backups/restoreService';
import { BackupScheduler } from './services/backups/scheduler';
import { StorageService } from './services/backups/storageService';
import { Notifier } from './services/notifier';
import { Authenticator } from './transport/auth';
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

/** Wires the agent together: the only place that knows every part. */
export async function startAgent(
  config: AgentConfig,
  log: Logger = createLogger(config.logLevel),
): Promise<RunningAgent> {
  const db = openStore(config.dataDir);
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
    const access = new TokenRoleAccess();
    const notifier = new Notifier(access);
    const storages = new StorageService(db, config.dataDir);
    storages.ensureDefault();
    const backups = new BackupService({
      db,
      dataDir: config.dataDir,
      storages,
      apps: new NoAppDirectory(),
      notifier,
      clock: () => new Date(),
      log: log.child({ component: 'backups' }),
    });
    await backups.recover();
    const restores = new RestoreService(backups);
    const scheduler = new BackupScheduler(backups, restores);
    const handlers = createHandlers({
      db,
      serverId: server.id,
      projects: new ProjectService(db, server.id),
      environments: new EnvironmentService(db, server.id),
      backups: { backups, restores, scheduler },
      storages,
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
    const address = await transport.listen();
    scheduler.start();
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
        backups.operations.abortAll();
        await scheduler.stop();
        await transport.close();
        db.close();
        log.info('agent stopped');
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}
