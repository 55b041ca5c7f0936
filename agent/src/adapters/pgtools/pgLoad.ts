import { availableParallelism } from 'node:os';
import type { Readable } from 'node:stream';
import type { DumpFormat } from '../archive/layout';
import { runPgTool } from './pgProcess';
import { ident, pgError, pgToolEnv, withClient, type PgServer } from './pgServer';

/**
 * Loads a dump file into an existing (empty) database. Custom-format dumps go through
 * `pg_restore -j`, plain SQL (Odoo's `dump.sql`) through `psql` in one transaction, both stopping at the
 * first error: a restore that half worked must fail, not pass. Objects are owned by `owner` (the app's
 * role) with ownership and grants of the source left out, as Odoo's own restore does (`--no-owner`).
 */
export async function loadDump(
  server: PgServer,
  database: string,
  dump: { path: string; format: DumpFormat },
  options: { owner?: string; signal?: AbortSignal } = {},
): Promise<void> {
  const env = pgToolEnv(server, database);
  if (dump.format === 'custom') {
    const jobs = String(Math.max(1, Math.min(4, availableParallelism())));
    const role = options.owner ? [`--role=${options.owner}`] : [];
    const args = [
      '--no-owner',
      '--no-acl',
      '--exit-on-error',
      `--jobs=${jobs}`,
      ...role,
      `--dbname=${database}`,
      dump.path,
    ];
    await runPgTool('pg_restore', args, { env, failure: 'PG_RESTORE_FAILED', signal: options.signal }).done;
    return;
  }
  const setRole = options.owner ? ['-c', `SET ROLE ${ident(options.owner)}`] : [];
  const args = ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '--single-transaction', ...setRole, '-f', dump.path];
  await runPgTool('psql', args, { env, failure: 'PG_RESTORE_FAILED', signal: options.signal }).done;
}

/**
 * Streams a custom-format dump as plain SQL (`pg_restore -f -`), the form Odoo's database manager
 * expects in its zips. No database is involved.
 */
export function customDumpToPlain(
  path: string,
  signal?: AbortSignal,
): { stdout: Readable; done: Promise<void> } {
  const run = runPgTool('pg_restore', ['--no-owner', '--no-acl', '-f', '-', path], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
    failure: 'PG_RESTORE_FAILED',
    signal,
    stdout: 'pipe',
  });
  return { stdout: run.stdout!, done: run.done };
}

/** Runs statements in one transaction on `database` (neutralization). */
export async function runInTransaction(
  server: PgServer,
  database: string,
  statements: readonly string[],
): Promise<void> {
  await withClient(server, database, async (client) => {
    try {
      await client.query('BEGIN');
      for (const statement of statements) await client.query(statement);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw pgError(error, `cannot neutralize ${database}`);
    }
  });
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
    const modules = columns.has('ir_module_module')
      ? (
          await client.query<{ name: string }>(
            "SELECT name FROM ir_module_module WHERE state IN ('installed', 'to upgrade', 'to remove')",
          )
        ).rows.map((r) => r.name)
      : [];
    return { modules, columns };
  });
}
