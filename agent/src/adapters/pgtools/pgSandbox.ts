import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { BackupError } from '../backupError';
import { dropDatabase } from './pgAdmin';
import { runPgTool } from './pgProcess';
import { ident, pgError, pgToolEnv, withClient, type PgServer } from './pgServer';
import { RestrictGuard } from './restrictGuard';

/** A throwaway database owned by a throwaway role that has no privilege beyond it. */
export interface SandboxDatabase {
  database: string;
  role: string;
  password: string;
}

/**
 * Runs `work` with a fresh sandbox: a LOGIN role that is not a superuser and cannot create roles or
 * databases, owning a new empty database of the same name. SQL from outside (an uploaded Odoo dump) runs
 * as that role, never as the admin: a superuser could `COPY … TO PROGRAM` or load C functions, i.e. run
 * anything on the database host. Both are dropped afterwards, whatever happened.
 */
export async function withSandboxDatabase<T>(
  server: PgServer,
  name: string,
  work: (sandbox: SandboxDatabase) => Promise<T>,
): Promise<T> {
  const sandbox = { database: name, role: name, password: randomBytes(24).toString('hex') };
  await withClient(server, 'postgres', async (client) => {
    try {
      await client.query(
        `CREATE ROLE ${ident(name)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS ` +
          `CONNECTION LIMIT 4 PASSWORD ${client.escapeLiteral(sandbox.password)}`,
      );
      await client.query(
        `CREATE DATABASE ${ident(name)} OWNER ${ident(name)} ENCODING 'UTF8' TEMPLATE template0`,
      );
    } catch (error) {
      await client.query(`DROP ROLE IF EXISTS ${ident(name)}`).catch(() => undefined);
      throw pgError(error, `cannot create the sandbox database ${name}`);
    }
  });
  try {
    return await work(sandbox);
  } finally {
    await dropDatabase(server, name).catch(() => undefined);
    await withClient(server, 'postgres', (client) =>
      client.query(`DROP ROLE IF EXISTS ${ident(name)}`),
    ).catch(() => undefined);
  }
}

/**
 * Loads an untrusted plain-SQL dump (Odoo's `dump.sql`) into the sandbox: `psql` logs in as the sandbox
 * role, in restricted mode (see {@link RestrictGuard}), in one transaction, stopping at the first error,
 * so a dump either loads whole or leaves an empty database. Needs psql 15.14 or newer (or the matching
 * minor release of 13, 14, 16 or 17): an older one does not know `\restrict` and refuses every dump.
 */
export async function loadUntrustedSql(
  server: PgServer,
  sandbox: SandboxDatabase,
  path: string,
  signal?: AbortSignal,
): Promise<void> {
  const env = {
    ...pgToolEnv(server, sandbox.database),
    PGUSER: sandbox.role,
    PGPASSWORD: sandbox.password,
  };
  const run = runPgTool('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '--single-transaction', '-f', '-'], {
    env,
    failure: 'PG_RESTORE_FAILED',
    signal,
    stdin: 'pipe',
  });
  const key = randomBytes(24).toString('hex');
  // psql stops reading when it fails: its exit status, not the broken pipe, says why.
  const feeding = pipeline(createReadStream(path), new RestrictGuard(key), run.stdin!).catch(() => undefined);
  try {
    await run.done;
  } catch (error) {
    if (error instanceof BackupError && /invalid command \\restrict/.test(error.message)) {
      throw new BackupError(
        'PG_RESTORE_FAILED',
        'this psql cannot load untrusted SQL safely (it has no \\restrict): install PostgreSQL client 15.14 or newer',
        { cause: error },
      );
    }
    throw error;
  } finally {
    await feeding;
  }
}
