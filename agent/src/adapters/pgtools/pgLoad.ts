import { availableParallelism } from 'node:os';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { DumpFormat } from '../archive/layout';
import { runPgTool } from './pgProcess';
import { moduleRows } from './pgFacts';
import { pgError, pgToolEnv, withClient, type PgServer } from './pgServer';

/**
 * Loads a dump file into an existing (empty) database as `loader`'s role, which then owns every object,
 * with ownership and grants of the source left out, as Odoo's own restore does (`--no-owner`). The
 * loader is a login without privileges beyond the database (the app's own role, or a sandbox), never the
 * admin: a dump holds what an app or an upload put in it, and a load runs its constraints and defaults.
 * Custom-format dumps go through `pg_restore -j`, plain SQL through `psql` in one transaction, both
 * stopping at the first error: a restore that half worked must fail, not pass.
 */
export async function loadDump(
  loader: PgServer,
  database: string,
  dump: { path: string; format: DumpFormat },
  options: { signal?: AbortSignal } = {},
): Promise<void> {
  const env = pgToolEnv(loader, database);
  if (dump.format === 'custom') {
    const jobs = String(Math.max(1, Math.min(4, availableParallelism())));
    const args = [
      '--no-owner',
      '--no-acl',
      '--exit-on-error',
      `--jobs=${jobs}`,
      `--dbname=${database}`,
      dump.path,
    ];
    await runPgTool('pg_restore', args, { env, failure: 'PG_RESTORE_FAILED', signal: options.signal }).done;
    return;
  }
  const args = ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '--single-transaction', '-f', dump.path];
  await runPgTool('psql', args, { env, failure: 'PG_RESTORE_FAILED', signal: options.signal }).done;
}

/**
 * Turns a custom-format dump, read from `dump` as it comes, into plain SQL on `stdout` (`pg_restore -f -`),
 * the form Odoo's database manager expects in its zips. No database is involved. `done` settles when
 * pg_restore has exited and its input was fed.
 */
export function customDumpToPlain(
  dump: AsyncIterable<Buffer>,
  signal?: AbortSignal,
): { stdout: Readable; done: Promise<unknown> } {
  const run = runPgTool('pg_restore', ['--no-owner', '--no-acl', '-f', '-'], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
    failure: 'PG_RESTORE_FAILED',
    signal,
    stdout: 'pipe',
    stdin: 'pipe',
  });
  const feeding = pipeline(Readable.from(dump), run.stdin!);
  return { stdout: run.stdout!, done: Promise.all([run.done, feeding]) };
}

/**
 * Runs statements in one transaction on `database` (neutralization, a copy's new identity) as `loader`'s
 * role: they touch the app's own tables, whose triggers run as whoever writes.
 */
export async function runInTransaction(
  loader: PgServer,
  database: string,
  statements: readonly string[],
): Promise<void> {
  await withClient(
    loader,
    database,
    async (client) => {
      try {
        await client.query('BEGIN');
        for (const statement of statements) await client.query(statement);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw pgError(error, `cannot neutralize ${database}`);
      }
    },
    { asApp: true },
  );
}

/** Which of `tables` exist in the public schema, and which columns they have (for neutralization). */
export async function describeTables(
  server: PgServer,
  database: string,
): Promise<{ modules: string[]; columns: Map<string, Set<string>> }> {
  return withClient(server, database, async (client) => {
    const columns = new Map<string, Set<string>>();
    const rows = await client.query<{ table_name: string; column_name: string }>(
      "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'",
    );
    for (const row of rows.rows) {
      const set = columns.get(row.table_name) ?? new Set<string>();
      set.add(row.column_name);
      columns.set(row.table_name, set);
    }
    // Odoo's neutralize.get_installed_modules: installed, or about to be upgraded or removed.
    const pending = new Set(['installed', 'to upgrade', 'to remove']);
    const modules = (await moduleRows(client)).filter((row) => pending.has(row.state)).map((row) => row.name);
    return { modules, columns };
  });
}
