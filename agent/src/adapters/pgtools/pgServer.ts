import { Client, escapeIdentifier } from 'pg';
import { BackupError } from '../backupError';

/**
 * How to reach a PostgreSQL server as its admin role. `host` is a hostname or an absolute unix socket
 * directory. The same shape as the deploy code's `PgServer`, so an app's server record fits both.
 */
export interface PgServer {
  host: string;
  port: number;
  adminUser: string;
  adminPassword: string;
}

/** SQLSTATE classes and socket errors that mean "the server is not there (any more)". */
const UNAVAILABLE = new Set(['ECONNREFUSED', 'ENOENT', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'EPIPE']);

/** Whether a `pg` or socket error means the server went away or refused us, rather than a bad statement. */
export function isUnavailable(error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code ?? '';
  // 08: connection exception, 28: invalid authorization, 57P: operator intervention (shutdown, terminate).
  return UNAVAILABLE.has(code) || /^(08|28|57P)/.test(code) || /Connection terminated/i.test(String(error));
}

/** Turns a `pg` failure into a `BackupError`: `PG_UNAVAILABLE` when the server is gone, else `fallback`. */
export function pgError(
  error: unknown,
  what: string,
  fallback: 'PG_FAILED' | 'PG_DUMP_FAILED' | 'PG_RESTORE_FAILED' = 'PG_FAILED',
): BackupError {
  if (error instanceof BackupError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  const code = isUnavailable(error) ? 'PG_UNAVAILABLE' : fallback;
  return new BackupError(code, `${what}: ${detail}`, { cause: error });
}

/** Runs `work` with a client connected to `database` as the admin role; always disconnects. */
export async function withClient<T>(
  server: PgServer,
  database: string,
  work: (client: Client) => Promise<T>,
): Promise<T> {
  const client = new Client({
    host: server.host,
    port: server.port,
    user: server.adminUser,
    password: server.adminPassword,
    database,
    application_name: 'paas-agent-backups',
    connectionTimeoutMillis: 10_000,
  });
  // A server that dies mid-query emits 'error' on the client; the pending query rejects with it too.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw pgError(error, `cannot connect to PostgreSQL ${server.host}:${server.port}`);
  }
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Quotes an identifier for SQL; names also pass the callers' schemas, this is the second fence. */
export const ident = escapeIdentifier;

/** The environment for PostgreSQL's command-line tools: credentials never travel on the command line. */
export function pgToolEnv(server: PgServer, database: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    PGHOST: server.host,
    PGPORT: String(server.port),
    PGUSER: server.adminUser,
    PGPASSWORD: server.adminPassword,
    PGDATABASE: database,
    PGAPPNAME: 'paas-agent-backups',
    PGCONNECT_TIMEOUT: '10',
  };
}
