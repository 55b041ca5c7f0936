import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { AdapterError } from '../errors';
import { adoptRole, restrictToOwner } from '../postgres/databaseAccess';
import { dropDatabase } from './pgAdmin';
import { runPgTool } from './pgProcess';
import { ident, pgError, pgToolEnv, withClient, type PgServer } from './pgServer';
import { RestrictGuard } from './restrictGuard';

/** A throwaway database owned by a throwaway role that has no privilege beyond it. */
export interface SandboxDatabase {
  database: string;
  /** The role's login on the server. */
  login: PgServer;
}

/** Throwaway roles and databases are named with this prefix, so a start after a crash finds them. */
export const SANDBOX_PREFIX = 'paas_sandbox_';

/** The longest one statement of an untrusted load may run (a `pg_sleep` would otherwise hold the job). */
const STATEMENT_TIMEOUT = '1h';

async function dropRole(server: PgServer, role: string): Promise<void> {
  await withClient(server, 'postgres', (client) => client.query(`DROP ROLE IF EXISTS ${ident(role)}`));
}

/**
 * Runs `work` with a throwaway LOGIN role (`SANDBOX_PREFIX` + `name`) that is not a superuser and cannot
 * create roles or databases, given as a login on `server`. Content the agent does not trust (an upload, or
 * a backup being verified) is loaded and read as that role, never as the admin: a superuser could
 * `COPY … TO PROGRAM` or load C functions, i.e. run anything on the database host. The role is dropped
 * afterwards; `work` drops whatever it made it own first.
 */
export async function withSandboxRole<T>(
  server: PgServer,
  name: string,
  work: (login: PgServer) => Promise<T>,
): Promise<T> {
  const role = `${SANDBOX_PREFIX}${name}`;
  const password = randomBytes(24).toString('hex');
  await withClient(server, 'postgres', async (client) => {
    try {
      await client.query(
        `CREATE ROLE ${ident(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS ` +
          `CONNECTION LIMIT 8 PASSWORD ${client.escapeLiteral(password)}`,
      );
      await client.query(`ALTER ROLE ${ident(role)} SET statement_timeout = '${STATEMENT_TIMEOUT}'`);
      await adoptRole(client, role);
    } catch (error) {
      await client.query(`DROP ROLE IF EXISTS ${ident(role)}`).catch(() => undefined);
      throw pgError(error, `cannot create the sandbox role ${role}`);
    }
  });
  try {
    return await work({ ...server, adminUser: role, adminPassword: password });
  } finally {
    await dropRole(server, role).catch(() => undefined);
  }
}

/** {@link withSandboxRole} with a new empty database of the same name, owned by it and dropped after. */
export async function withSandboxDatabase<T>(
  server: PgServer,
  name: string,
  work: (sandbox: SandboxDatabase) => Promise<T>,
): Promise<T> {
  return withSandboxRole(server, name, async (login) => {
    const database = login.adminUser;
    await withClient(server, 'postgres', async (client) => {
      await client.query(
        `CREATE DATABASE ${ident(database)} OWNER ${ident(database)} ENCODING 'UTF8' TEMPLATE template0`,
      );
      await restrictToOwner(client, database, database);
    }).catch((error: unknown) => {
      throw pgError(error, `cannot create the sandbox database ${database}`);
    });
    try {
      return await work({ database, login });
    } finally {
      await dropDatabase(server, database).catch(() => undefined);
    }
  });
}

/**
 * At start: the sandboxes this agent (`tag`, the start of its sandbox names) left behind when it stopped
 * mid-import or mid-verification. Their databases first, then the roles that owned them.
 */
export async function sweepSandboxes(server: PgServer, tag: string): Promise<void> {
  const prefix = `${SANDBOX_PREFIX}${tag}_`;
  const leftovers = await withClient(server, 'postgres', async (client) => {
    const select = async (sql: string) => (await client.query<{ n: string }>(sql, [prefix])).rows;
    return {
      databases: await select('SELECT datname AS n FROM pg_database WHERE starts_with(datname, $1)'),
      roles: await select('SELECT rolname AS n FROM pg_roles WHERE starts_with(rolname, $1)'),
    };
  });
  for (const { n } of leftovers.databases) await dropDatabase(server, n);
  for (const { n } of leftovers.roles) await dropRole(server, n);
}

/**
 * Loads an untrusted plain-SQL dump (Odoo's `dump.sql`) into the sandbox: `psql` logs in as the sandbox
 * role, in restricted mode (see {@link RestrictGuard}), in one transaction, stopping at the first error,
 * so a dump either loads whole or leaves an empty database. Needs psql 15.14 or newer (or the matching
 * minor release of 13, 14, 16 or 17): an older one does not know `\restrict` and refuses every dump.
 */
export async function loadUntrustedSql(
  sandbox: SandboxDatabase,
  path: string,
  signal?: AbortSignal,
): Promise<void> {
  const env = pgToolEnv(sandbox.login, sandbox.database);
  const run = runPgTool('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '--single-transaction', '-f', '-'], {
    env,
    failure: 'PG_RESTORE_FAILED',
    signal,
    stdin: 'pipe',
  });
  const key = randomBytes(24).toString('hex');
  // psql stops reading when it fails: then its exit status, not the broken pipe, says why. But a feed that
  // broke while psql was well (the file could not be read) ends psql's input early, and psql commits what
  // it had: that load is refused here, whatever psql said.
  let feedFailure: unknown;
  const feeding = pipeline(createReadStream(path), new RestrictGuard(key), run.stdin!).catch(
    (error: unknown) => {
      feedFailure = error;
    },
  );
  try {
    await run.done;
  } catch (error) {
    if (error instanceof AdapterError && /invalid command \\restrict/.test(error.message)) {
      throw new AdapterError(
        'PG_RESTORE_FAILED',
        'this psql cannot load untrusted SQL safely (it has no \\restrict): install PostgreSQL client 15.14 or newer',
        { cause: error },
      );
    }
    throw error;
  } finally {
    await feeding;
  }
  if (feedFailure !== undefined)
    throw new AdapterError('PG_RESTORE_FAILED', 'dump.sql could not be read whole', { cause: feedFailure });
}
