import type { Client } from 'pg';
import { pgError, withClient, type PgServer } from './pgServer';

/** What the manifest records about a database, read inside the dump's own snapshot. */
export interface DatabaseFacts {
  /** `server_version_num`, e.g. 150018. */
  serverVersionNum: number;
  /** Installed Odoo modules and their installed versions (`ir_module_module.latest_version`). */
  modules: Record<string, string>;
  /** Ordinary tables in user schemas. */
  tables: number;
}

/**
 * Whether `public.<name>` is an ordinary table. The agent reads app databases as the admin role, and their
 * content is the app's (or an upload's) to shape: a view or a function of the same name would run its
 * author's code with the admin's rights. An ordinary table's rows are read without running any (the admin
 * bypasses row security), so that is the only kind the agent selects from.
 */
export async function isPlainTable(client: Client, name: string): Promise<boolean> {
  const found = await client.query(
    `SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relname = $1 AND c.relkind = 'r'`,
    [name],
  );
  return found.rowCount === 1;
}

/**
 * `ir_module_module`'s rows as Odoo's `dump_db_manifest` and `neutralize.get_installed_modules` read them,
 * or `[]` when the database is not Odoo's. Whole columns of a plain table, filtered here rather than in
 * SQL: a comparison or cast could resolve to an operator or cast the database's author defined.
 */
export async function moduleRows(
  client: Client,
): Promise<{ name: string; state: string; latest_version: string | null }[]> {
  if (!(await isPlainTable(client, 'ir_module_module'))) return [];
  const result = await client.query<{ name: unknown; state: unknown; latest_version: unknown }>(
    'SELECT name, state, latest_version FROM public.ir_module_module',
  );
  return result.rows.map((row) => ({
    name: String(row.name),
    state: String(row.state),
    latest_version: row.latest_version === null ? null : String(row.latest_version),
  }));
}

/**
 * The filestore paths `ir_attachment` rows point to (`store_fname`, relative to the database's filestore,
 * odoo/addons/base/models/ir_attachment.py `_full_path`), each once; `[]` when the database is not Odoo's.
 * Read as a whole column and filtered here, for the reason {@link moduleRows} gives.
 */
export async function attachmentFiles(server: PgServer, database: string): Promise<string[]> {
  return withClient(server, database, async (client) => {
    if (!(await isPlainTable(client, 'ir_attachment'))) return [];
    const result = await client.query<{ store_fname: unknown }>(
      'SELECT store_fname FROM public.ir_attachment',
    );
    const names = result.rows
      .map((row) => row.store_fname)
      .filter((name) => typeof name === 'string' && name !== '');
    return [...new Set(names as string[])];
  });
}

/** Installed modules the way Odoo's `dump_db_manifest` reads them; `{}` when the database is not Odoo's. */
async function installedModules(client: Client): Promise<Record<string, string>> {
  const installed = (await moduleRows(client)).filter((row) => row.state === 'installed');
  installed.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return Object.fromEntries(installed.map((row) => [row.name, row.latest_version ?? '']));
}

/** Counts ordinary tables outside the system schemas. */
export async function countTables(client: Client): Promise<number> {
  const result = await client.query<{ n: string }>(
    `SELECT count(*) AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
       AND n.nspname NOT LIKE 'pg_toast%'`,
  );
  return Number(result.rows[0]!.n);
}

async function readFacts(client: Client): Promise<DatabaseFacts> {
  // SHOW names its column after the setting: reading any other name gave NaN ("NaN.NaN" in manifests).
  const version = await client.query<{ server_version_num: string }>('SHOW server_version_num');
  return {
    serverVersionNum: Number(version.rows[0]!.server_version_num),
    modules: await installedModules(client),
    tables: await countTables(client),
  };
}

/**
 * Opens a repeatable-read transaction on `database`, exports its snapshot and reads the manifest facts
 * in it. `pg_dump --snapshot` then dumps exactly that state, so the manifest's modules and table count
 * describe the dump. The transaction (and so the snapshot) lives until `work` settles.
 */
export async function withDumpSnapshot<T>(
  server: PgServer,
  database: string,
  work: (snapshot: string, facts: DatabaseFacts) => Promise<T>,
): Promise<T> {
  return withClient(server, database, async (client) => {
    let snapshot: string;
    let facts: DatabaseFacts;
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      snapshot = (await client.query<{ s: string }>('SELECT pg_export_snapshot() AS s')).rows[0]!.s;
      facts = await readFacts(client);
    } catch (error) {
      throw pgError(error, `cannot read database ${database}`, 'PG_DUMP_FAILED');
    }
    try {
      return await work(snapshot, facts);
    } finally {
      await client.query('ROLLBACK').catch(() => undefined);
    }
  });
}

/** Facts of a restored database, read outside any snapshot (for verification). */
export async function databaseFacts(server: PgServer, database: string): Promise<DatabaseFacts> {
  return withClient(server, database, readFacts);
}
