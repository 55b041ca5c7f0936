import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, ENVIRONMENT_VARIABLES, isLoopback, loadConfig } from '../../src/config';

describe('agent config', () => {
  let dir: string;

  /** Writes a config file and returns its path. */
  function configFile(content: unknown): string {
    const file = join(dir, 'config.json');
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  }

  /** The ConfigError message loading fails with. */
  function refusal(options: Parameters<typeof loadConfig>[0]): string {
    try {
      loadConfig(options);
    } catch (error) {
      assert.ok(error instanceof ConfigError, String(error));
      return error.message;
    }
    assert.fail('expected a ConfigError');
  }

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'paas-config-'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('has safe defaults: TLS on, loopback, 1 MiB frames', () => {
    const config = loadConfig({ file: configFile({}), env: {} });
    assert.equal(config.tls, true);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.port, 7443);
    assert.equal(config.maxPayloadBytes, 1024 * 1024);
    assert.equal(config.dataDir, '/var/lib/paas-agent');
    assert.deepEqual(config.certificateNames, []);
  });

  it('reads the file named by PAAS_AGENT_CONFIG', () => {
    const file = configFile({ port: 9000 });
    assert.equal(loadConfig({ env: { PAAS_AGENT_CONFIG: file } }).port, 9000);
  });

  it('lets environment variables override the file, and flags override both', () => {
    const file = configFile({ port: 9000, host: '127.0.0.2', heartbeatMs: 1000, logLevel: 'warn' });
    const env = { PAAS_AGENT_PORT: '9001', PAAS_AGENT_HEARTBEAT_MS: '2000', PAAS_AGENT_TLS: 'false' };
    const config = loadConfig({ file, env, overrides: { port: 9002 } });
    assert.equal(config.port, 9002, 'flag over env over file');
    assert.equal(config.heartbeatMs, 2000, 'env over file');
    assert.equal(config.host, '127.0.0.2', 'file over default');
    assert.equal(config.logLevel, 'warn');
    assert.equal(config.tls, false);
  });

  it('reads every documented environment variable', () => {
    const env = {
      PAAS_AGENT_DATA_DIR: '/srv/paas',
      PAAS_AGENT_SECRET_KEY_FILE: '/etc/paas/secret.key',
      PAAS_AGENT_HOST: '::1',
      PAAS_AGENT_PORT: '0',
      PAAS_AGENT_TLS: '1',
      PAAS_AGENT_CERTIFICATE_NAMES: 'agent.example.com, 10.0.0.5,',
      PAAS_AGENT_MAX_PAYLOAD_BYTES: '2048',
      PAAS_AGENT_MAX_UPLOAD_BYTES: '5000000',
      PAAS_AGENT_IMPORT_MAX_EXPANDED_BYTES: '9000000',
      PAAS_AGENT_IMPORT_MAX_EXPANSION_RATIO: '25',
      PAAS_AGENT_PROJECT_BACKUP_QUOTA_BYTES: '8000000',
      PAAS_AGENT_HEARTBEAT_MS: '500',
      PAAS_AGENT_AUTH_FAILURES_PER_WINDOW: '3',
      PAAS_AGENT_AUTH_WINDOW_SECONDS: '5',
      PAAS_AGENT_LOG_LEVEL: 'debug',
      PAAS_AGENT_METRICS_HISTORY_ALWAYS: 'true',
      PAAS_AGENT_METRICS_HISTORY_INTERVAL_SECONDS: '7',
      PAAS_AGENT_PROMETHEUS_ENABLED: 'true',
      PAAS_AGENT_PROMETHEUS_PATH: '/prom',
      PAAS_AGENT_INVITATION_TTL_SECONDS: '3600',
      PAAS_AGENT_ORGANIZATION_CREATION: 'anyone',
      PAAS_AGENT_DOCKER_SOCKET: '/run/docker.sock',
      PAAS_AGENT_GIT_CA_FILE: '/etc/paas/registry-ca.pem',
      PAAS_AGENT_MAX_CONCURRENT_JOBS: '3',
      PAAS_AGENT_RUNNERS_ENABLED: 'true',
      PAAS_AGENT_RUNNERS_ALLOW_BECOME: 'true',
      PAAS_AGENT_RUNNERS_FOLDER: 'ops/playbooks',
      PAAS_AGENT_PUBLISH_ADDRESS: '0.0.0.0',
      PAAS_AGENT_APP_UID: '2000',
      PAAS_AGENT_HEALTH_TIMEOUT_SECONDS: '30',
      PAAS_AGENT_DEFAULT_DATABASE_SERVER:
        '{"host":"/var/run/postgresql","adminUser":"paas_admin","adminPasswordFile":"/etc/pw"}',
    };
    assert.deepEqual(Object.keys(env).sort(), Object.keys(ENVIRONMENT_VARIABLES).sort());
    assert.deepEqual(loadConfig({ file: configFile({}), env }), {
      dataDir: '/srv/paas',
      secretKeyFile: '/etc/paas/secret.key',
      host: '::1',
      port: 0,
      tls: true,
      certificateNames: ['agent.example.com', '10.0.0.5'],
      maxPayloadBytes: 2048,
      maxUploadBytes: 5_000_000,
      importMaxExpandedBytes: 9_000_000,
      importMaxExpansionRatio: 25,
      projectBackupQuotaBytes: 8_000_000,
      heartbeatMs: 500,
      authFailuresPerWindow: 3,
      authWindowSeconds: 5,
      logLevel: 'debug',
      metricsHistoryAlways: true,
      metricsHistoryIntervalSeconds: 7,
      prometheusEnabled: true,
      prometheusPath: '/prom',
      invitationTtlSeconds: 3600,
      organizationCreation: 'anyone',
      dockerSocket: '/run/docker.sock',
      gitCaFile: '/etc/paas/registry-ca.pem',
      maxConcurrentJobs: 3,
      runnersEnabled: true,
      runnersAllowBecome: true,
      runnersFolder: 'ops/playbooks',
      publishAddress: '0.0.0.0',
      appUid: 2000,
      appCpus: 2,
      appMemoryMb: 2048,
      healthPath: '/web/login',
      healthTimeoutSeconds: 30,
      initTimeoutSeconds: 1800,
      defaultDatabaseServer: {
        host: '/var/run/postgresql',
        port: 5432,
        adminUser: 'paas_admin',
        adminPasswordFile: '/etc/pw',
      },
    });
  });

  it('refuses uid 101 for app containers (the host postgres user: peer auth as superuser)', () => {
    assert.match(refusal({ file: configFile({ appUid: 101 }), env: {} }), /appUid/);
  });

  it('refuses an unknown key in the file, naming it', () => {
    assert.match(refusal({ file: configFile({ prot: 7443 }), env: {} }), /prot/);
  });

  it('refuses plain ws:// on a non-loopback address with a clear message', () => {
    const message = refusal({ file: configFile({ host: '0.0.0.0', tls: false }), env: {} });
    assert.match(message, /plain ws:\/\/ is only allowed on a loopback address/);
    assert.doesNotThrow(() => loadConfig({ file: configFile({ host: '127.0.0.1', tls: false }), env: {} }));
    assert.doesNotThrow(() => loadConfig({ file: configFile({ host: '0.0.0.0', tls: true }), env: {} }));
  });

  it('refuses numbers that are not numbers, or out of range', () => {
    const file = configFile({});
    assert.match(refusal({ file, env: { PAAS_AGENT_PORT: 'abc' } }), /port/);
    assert.match(refusal({ file, env: { PAAS_AGENT_PORT: '' } }), /port/);
    assert.match(refusal({ file, env: { PAAS_AGENT_PORT: '70000' } }), /port/);
    assert.match(refusal({ file, env: { PAAS_AGENT_HEARTBEAT_MS: '1.5' } }), /heartbeatMs/);
    assert.match(refusal({ file, env: { PAAS_AGENT_MAX_PAYLOAD_BYTES: '10' } }), /maxPayloadBytes/);
    assert.match(refusal({ file: configFile({ port: '7443' }), env: {} }), /port/);
  });

  it('refuses a tls value that is not a boolean', () => {
    assert.match(refusal({ file: configFile({}), env: { PAAS_AGENT_TLS: 'yes' } }), /tls/);
  });

  it('refuses a missing or unparsable file, naming it', () => {
    assert.match(refusal({ file: join(dir, 'missing.json'), env: {} }), /missing\.json/);
    assert.match(refusal({ file: configFile('{ not json'), env: {} }), /config\.json/);
  });

  it('tells loopback addresses from others', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1'])
      assert.equal(isLoopback(host), true, host);
    for (const host of ['0.0.0.0', '::', '10.0.0.1', '127.example.com', 'example.com', '::ffff:10.0.0.1'])
      assert.equal(isLoopback(host), false, host);
  });
});
