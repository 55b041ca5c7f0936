import { existsSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { z } from 'zod';

/** Where the agent reads its config file when neither `--config` nor `PAAS_AGENT_CONFIG` names one. */
export const DEFAULT_CONFIG_FILE = '/etc/paas-agent/config.json';

const LOOPBACK_HOSTS = new Set(['localhost', '::1']);

/** Whether a listen address only accepts connections from this machine. */
export function isLoopback(host: string): boolean {
  return LOOPBACK_HOSTS.has(host) || (isIP(host) === 4 && host.startsWith('127.'));
}

export const ConfigSchema = z
  .object({
    /** Directory holding everything the agent owns: store, certificate, mirrors, filestores, backups. */
    dataDir: z.string().min(1).default('/var/lib/paas-agent'),
    /**
     * The key file sealing the store's secrets (AES-256-GCM), created 0600 at first start; unset,
     * `<dataDir>/secret.key`. A store copy without its key cannot give its secrets back.
     */
    secretKeyFile: z.string().min(1).optional(),
    /** Address the WebSocket server listens on. */
    host: z.string().min(1).default('127.0.0.1'),
    /** Port the WebSocket server listens on; 0 picks a free one. */
    port: z.number().int().min(0).max(65535).default(7443),
    /** Serve `wss://` with the agent's certificate. Plain `ws://` is allowed only on a loopback address. */
    tls: z.boolean().default(true),
    /** Extra names and addresses written into the self-signed certificate. */
    certificateNames: z.array(z.string().min(1)).default([]),
    /** Largest accepted WebSocket frame, in bytes. */
    maxPayloadBytes: z
      .number()
      .int()
      .min(1024)
      .max(64 * 1024 * 1024)
      .default(1024 * 1024),
    /** The largest file `PUT /uploads` takes (an Odoo database zip to import); larger answers 413. */
    maxUploadBytes: z
      .number()
      .int()
      .min(1024 * 1024)
      .default(20 * 1024 * 1024 * 1024),
    /**
     * The most bytes an imported zip's `dump.sql` and filestore may expand to (default 50 GiB), checked on
     * the zip's central directory and again while extracting.
     */
    importMaxExpandedBytes: z
      .number()
      .int()
      .min(1024 * 1024)
      .default(50 * 1024 * 1024 * 1024),
    /**
     * The most an imported zip may expand to as a multiple of its own size (default 200): an Odoo zip's SQL
     * compresses about tenfold and its filestore hardly, while a zip bomb expands a thousandfold.
     */
    importMaxExpansionRatio: z.number().min(1).max(100_000).default(200),
    /**
     * The most bytes a project's stored backups may take before an import is refused (default 200 GiB):
     * an import counts with its expanded size.
     */
    projectBackupQuotaBytes: z
      .number()
      .int()
      .min(1024 * 1024)
      .default(200 * 1024 * 1024 * 1024),
    /** How often peers are pinged; a peer that missed the previous ping is dropped. */
    heartbeatMs: z.number().int().min(100).max(600_000).default(30_000),
    /** Failed authentications allowed per source address per window before it is refused (429). */
    authFailuresPerWindow: z.number().int().min(1).max(10_000).default(10),
    /** The failed-authentication window, in seconds. */
    authWindowSeconds: z.number().int().min(1).max(86_400).default(60),
    /**
     * Keep sampling the server for `metrics/history` even while nobody subscribes, at
     * `metricsHistoryIntervalSeconds`. Off by default: sampling then stops when the last subscriber leaves.
     */
    metricsHistoryAlways: z.boolean().default(false),
    /** The interval of the always-on history sampling, in seconds. */
    metricsHistoryIntervalSeconds: z.number().int().min(1).max(60).default(10),
    /**
     * Serve the metrics in Prometheus text format at `prometheusPath` on the agent's port. Scrapers need an
     * agent administrator's bearer token: the exposition lists every organization's containers.
     */
    prometheusEnabled: z.boolean().default(false),
    /** The path of the Prometheus endpoint. */
    prometheusPath: z
      .string()
      .regex(/^\/[A-Za-z0-9/_-]*$/, 'must be a path such as /metrics')
      .refine((path) => path !== '/healthz', 'must not be /healthz')
      .default('/metrics'),
    /** How long an invitation code stays valid, in seconds (default 7 days). */
    invitationTtlSeconds: z
      .number()
      .int()
      .min(1)
      .max(90 * 86_400)
      .default(7 * 86_400),
    /**
     * Who may create organizations (`organizations/create`): `admins`, only agent administrators (each
     * user still creates at most one, as its owner); `anyone`, every token holder.
     */
    organizationCreation: z.enum(['admins', 'anyone']).default('admins'),
    /** pino log level. */
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** The Docker engine's socket. */
    dockerSocket: z.string().min(1).default('/var/run/docker.sock'),
    /**
     * A PEM file of certificate authorities git trusts for https registries (`GIT_SSL_CAINFO`), for a
     * registry behind a private CA; unset, git uses the system's.
     */
    gitCaFile: z.string().min(1).optional(),
    /** How many jobs (deploys, updates) run at once on this server; more wait in the queue. */
    maxConcurrentJobs: z.number().int().min(1).max(32).default(2),
    /**
     * Run runner playbooks at all. Off by default: a playbook runs on the host as the agent's own user,
     * which is in the `docker` group (root-equivalent) and reads the store, so turning runners on trusts
     * everyone with an environment's deploy right with the whole server.
     */
    runnersEnabled: z.boolean().default(false),
    /**
     * Let runner playbooks use Ansible's `become` (privilege escalation). Off, a playbook that sets
     * `become*` is refused; either way the agent's own user's rights are the real limit.
     */
    runnersAllowBecome: z.boolean().default(false),
    /** The folder of a project's repository that holds its runner playbooks. */
    runnersFolder: z
      .string()
      .regex(/^[A-Za-z0-9_.][A-Za-z0-9_./-]*$/, 'must be a relative folder such as .paas/runners')
      .refine((folder) => !folder.split('/').includes('..'), 'must stay inside the repository')
      .default('.paas/runners'),
    /** Address app URLs are published on (the agent's per-app proxy listens there). */
    publishAddress: z.string().min(1).default('127.0.0.1'),
    /**
     * The uid:gid app containers run as, owning their filestore. Not 101: on Debian that is the host's
     * `postgres` user, which PostgreSQL's peer authentication would treat as its superuser over the socket.
     * The official image's own `odoo` user is uid 101 too, which is why the agent picks the uid itself.
     */
    appUid: z
      .number()
      .int()
      .min(1)
      .max(2 ** 31 - 1)
      .refine((uid) => uid !== 101, 'uid 101 is the host postgres user on Debian')
      .default(1001),
    /** CPU limit of an app container, in cores. */
    appCpus: z.number().min(0.1).max(256).default(2),
    /** Memory limit of an app container, in MiB. */
    appMemoryMb: z.number().int().min(128).max(1_048_576).default(2048),
    /**
     * The path polled to tell a revision is healthy before traffic moves to it: a page that touches the
     * database (`/web/login` reads the session, users and views), since `/web/health` answers without one.
     */
    healthPath: z
      .string()
      .regex(/^\/[A-Za-z0-9._~/?=&%-]*$/)
      .default('/web/login'),
    /** How long a new revision has to answer its health path. */
    healthTimeoutSeconds: z.number().int().min(1).max(3600).default(180),
    /** How long Odoo's one-shot install or module update may run. */
    initTimeoutSeconds: z.number().int().min(1).max(86_400).default(1800),
    /**
     * The PostgreSQL server registered as the default at start (TCP host or absolute socket directory); the
     * admin password is read from a file so it never sits in the config or the environment.
     */
    defaultDatabaseServer: z
      .object({
        host: z.string().min(1),
        port: z.number().int().min(1).max(65535).default(5432),
        adminUser: z.string().min(1),
        adminPasswordFile: z.string().min(1),
      })
      .strict()
      .optional(),
  })
  .strict()
  .refine((c) => c.tls || isLoopback(c.host), {
    message: 'plain ws:// is only allowed on a loopback address; enable tls or listen on 127.0.0.1',
    path: ['tls'],
  });

export type AgentConfig = z.infer<typeof ConfigSchema>;

/** Environment variables that override the config file, and the key each one sets. */
export const ENVIRONMENT_VARIABLES: Readonly<Record<string, keyof AgentConfig>> = {
  PAAS_AGENT_DATA_DIR: 'dataDir',
  PAAS_AGENT_SECRET_KEY_FILE: 'secretKeyFile',
  PAAS_AGENT_HOST: 'host',
  PAAS_AGENT_PORT: 'port',
  PAAS_AGENT_TLS: 'tls',
  PAAS_AGENT_CERTIFICATE_NAMES: 'certificateNames',
  PAAS_AGENT_MAX_PAYLOAD_BYTES: 'maxPayloadBytes',
  PAAS_AGENT_MAX_UPLOAD_BYTES: 'maxUploadBytes',
  PAAS_AGENT_IMPORT_MAX_EXPANDED_BYTES: 'importMaxExpandedBytes',
  PAAS_AGENT_IMPORT_MAX_EXPANSION_RATIO: 'importMaxExpansionRatio',
  PAAS_AGENT_PROJECT_BACKUP_QUOTA_BYTES: 'projectBackupQuotaBytes',
  PAAS_AGENT_HEARTBEAT_MS: 'heartbeatMs',
  PAAS_AGENT_AUTH_FAILURES_PER_WINDOW: 'authFailuresPerWindow',
  PAAS_AGENT_AUTH_WINDOW_SECONDS: 'authWindowSeconds',
  PAAS_AGENT_INVITATION_TTL_SECONDS: 'invitationTtlSeconds',
  PAAS_AGENT_ORGANIZATION_CREATION: 'organizationCreation',
  PAAS_AGENT_LOG_LEVEL: 'logLevel',
  PAAS_AGENT_METRICS_HISTORY_ALWAYS: 'metricsHistoryAlways',
  PAAS_AGENT_METRICS_HISTORY_INTERVAL_SECONDS: 'metricsHistoryIntervalSeconds',
  PAAS_AGENT_PROMETHEUS_ENABLED: 'prometheusEnabled',
  PAAS_AGENT_PROMETHEUS_PATH: 'prometheusPath',
  PAAS_AGENT_DOCKER_SOCKET: 'dockerSocket',
  PAAS_AGENT_GIT_CA_FILE: 'gitCaFile',
  PAAS_AGENT_MAX_CONCURRENT_JOBS: 'maxConcurrentJobs',
  PAAS_AGENT_RUNNERS_ENABLED: 'runnersEnabled',
  PAAS_AGENT_RUNNERS_ALLOW_BECOME: 'runnersAllowBecome',
  PAAS_AGENT_RUNNERS_FOLDER: 'runnersFolder',
  PAAS_AGENT_PUBLISH_ADDRESS: 'publishAddress',
  PAAS_AGENT_APP_UID: 'appUid',
  PAAS_AGENT_HEALTH_TIMEOUT_SECONDS: 'healthTimeoutSeconds',
  PAAS_AGENT_DEFAULT_DATABASE_SERVER: 'defaultDatabaseServer',
};

const NUMERIC_KEYS = new Set<keyof AgentConfig>([
  'port',
  'maxPayloadBytes',
  'maxUploadBytes',
  'importMaxExpandedBytes',
  'importMaxExpansionRatio',
  'projectBackupQuotaBytes',
  'heartbeatMs',
  'authFailuresPerWindow',
  'authWindowSeconds',
  'metricsHistoryIntervalSeconds',
  'invitationTtlSeconds',
  'maxConcurrentJobs',
  'appUid',
  'healthTimeoutSeconds',
]);

const BOOLEAN_KEYS = new Set<keyof AgentConfig>([
  'tls',
  'metricsHistoryAlways',
  'prometheusEnabled',
  'runnersEnabled',
  'runnersAllowBecome',
]);

function fromEnvironmentValue(key: keyof AgentConfig, value: string): unknown {
  if (NUMERIC_KEYS.has(key)) return value.trim() === '' ? value : Number(value);
  if (BOOLEAN_KEYS.has(key))
    return value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value;
  if (key === 'defaultDatabaseServer') return parseJsonOr(value);
  if (key === 'certificateNames')
    return value
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean);
  return value;
}

/** JSON for structured keys; the raw text otherwise, so the schema reports it. */
function parseJsonOr(value: string): unknown {
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/** A config problem, reported before anything starts. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Reads the config: defaults, then the JSON file, then `PAAS_AGENT_*` environment variables, then
 * explicit overrides (command-line flags). Unknown keys and bad values are errors, not warnings.
 */
export function loadConfig(options: {
  file?: string;
  env?: NodeJS.ProcessEnv;
  overrides?: Partial<AgentConfig>;
}): AgentConfig {
  const env = options.env ?? process.env;
  const file =
    options.file ??
    env.PAAS_AGENT_CONFIG ??
    (existsSync(DEFAULT_CONFIG_FILE) ? DEFAULT_CONFIG_FILE : undefined);
  let fromFile: Record<string, unknown> = {};
  if (file) {
    try {
      fromFile = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch (error) {
      throw new ConfigError(`cannot read config file ${file}: ${(error as Error).message}`, { cause: error });
    }
  }
  const fromEnv: Record<string, unknown> = {};
  for (const [variable, key] of Object.entries(ENVIRONMENT_VARIABLES)) {
    const value = env[variable];
    if (value !== undefined) fromEnv[key] = fromEnvironmentValue(key, value);
  }
  const parsed = ConfigSchema.safeParse({ ...fromFile, ...fromEnv, ...options.overrides });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(config)'}: ${i.message}`);
    throw new ConfigError(`invalid agent config${file ? ` (${file})` : ''}:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
