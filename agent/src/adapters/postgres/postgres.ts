/** How to reach a PostgreSQL server as its admin role. `host` is a hostname or an absolute socket directory. */
export interface PgServer {
  host: string;
  port: number;
  adminUser: string;
  adminPassword: string;
}

/** One row of Odoo's `ir_module_module`. */
export interface ModuleState {
  name: string;
  state: string;
  latest_version: string | null;
}

/** A database and what it weighs. */
export interface PgDatabase {
  name: string;
  owner: string;
  sizeBytes: number;
}

/**
 * PostgreSQL administration for app databases. Identifiers are always quoted by the driver
 * (`escapeIdentifier`), never concatenated raw. Failures are `AdapterError`s: `PG_UNAVAILABLE`,
 * `PG_AUTH_FAILED`, `PG_EXISTS`, `PG_NOT_FOUND`, `PG_FAILED`.
 */
export interface PostgresAdapter {
  /** Logs in as the admin role and runs `SELECT 1`. */
  check(server: PgServer): Promise<void>;
  /** Creates a login role (no superuser, no createdb) with the password, or resets the password of an existing one. */
  ensureRole(server: PgServer, role: string, password: string): Promise<void>;
  /**
   * The app's login role (password set) and a UTF-8 database it owns, over one connection; resolves
   * whether the database had to be created.
   */
  ensureAppDatabase(server: PgServer, name: string, password: string): Promise<boolean>;
  /** Drops a role if it exists. */
  dropRole(server: PgServer, role: string): Promise<void>;
  databaseExists(server: PgServer, name: string): Promise<boolean>;
  /** Creates an empty UTF-8 database from template0; `PG_EXISTS` when the name is taken. */
  createDatabase(server: PgServer, name: string, owner?: string): Promise<void>;
  /** Ends the database's sessions and drops it; a missing one is not an error. */
  dropDatabase(server: PgServer, name: string): Promise<void>;
  /**
   * Copies `source` to `target` with `CREATE DATABASE … TEMPLATE`, same owner. The source refuses new
   * connections and its sessions are ended for the length of the copy, which PostgreSQL requires.
   */
  copyDatabase(server: PgServer, source: string, target: string): Promise<void>;
  /**
   * Puts `replacement` in the place of `live` (renames, after ending both databases' sessions) and drops
   * what `live` held. Used to restore a snapshot taken by {@link copyDatabase}.
   */
  replaceDatabase(server: PgServer, live: string, replacement: string): Promise<void>;
  /** Every database but templates, with owner and size. */
  listDatabases(server: PgServer): Promise<PgDatabase[]>;
  /** One database, or `undefined`. */
  describeDatabase(server: PgServer, name: string): Promise<PgDatabase | undefined>;
  /**
   * Odoo's `ir_module_module` rows (name, state, latest_version) of a database, read as the admin with
   * search_path pinned from the plain table only; `[]` when the database has none.
   */
  moduleStates(server: PgServer, database: string): Promise<ModuleState[]>;
}
