import { escapeIdentifier, type Client } from 'pg';
import { AdapterError } from '../errors';
import { connectAdmin } from '../postgres/connectAdmin';
import type { PgServer } from '../postgres/postgres';

/** The deploy code's server record: an app's database server is backed up with what deployed it. */
export type { PgServer };

/** SQLSTATE classes and socket errors that mean "the server is not there (any more)". */
const UNAVAILABLE = new Set(['ECONNREFUSED', 'ENOENT', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'EPIPE']);

/** Whether a `pg` or socket error means the server went away or refused us, rather than a bad statement. */
export function isUnavailable(error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code ?? '';
  // 08: connection exception, 28: invalid authorization, 57P: operator intervention (shutdown, terminate).
  return UNAVAILABLE.has(code) || /^(08|28|57P)/.test(code) || /Connection terminated/i.test(String(error));
}

/** Turns a `pg` failure into a `AdapterError`: `PG_UNAVAILABLE` when the server is gone, else `fallback`. */
export function pgError(
  error: unknown,
  what: string,
  fallback: 'PG_FAILED' | 'PG_DUMP_FAILED' | 'PG_RESTORE_FAILED' = 'PG_FAILED',
): AdapterError {
  if (error instanceof AdapterError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  const code = isUnavailable(error) ? 'PG_UNAVAILABLE' : fallback;
  return new AdapterError(code, `${what}: ${detail}`, { cause: error });
}

/**
 * Runs `work` with a client connected to `database` as `server`'s role; always disconnects. App databases
 * are shaped by their apps (and imports by uploads), so an admin session resolves nothing through their
 * schemas: its search_path is pg_catalog alone, and it names the app's tables with their schema. `asApp`:
 * the session is the app's own (or a sandbox) role, which may use the database's own search_path.
 */
export async function withClient<T>(
  server: PgServer,
  database: string,
  work: (client: Client) => Promise<T>,
  options: { asApp?: boolean } = {},
): Promise<T> {
  let client: Client;
  try {
    client = await connectAdmin(server, database, {
      applicationName: 'paas-agent-backups',
      timeoutMs: 10_000,
      searchPath: options.asApp ? undefined : 'pg_catalog,pg_temp',
    });
  } catch (error) {
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
