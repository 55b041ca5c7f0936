import Database from 'better-sqlite3';
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { migrate } from './migrations';

export type Db = Database.Database;

/** The agent's own state file inside its data directory. */
export function storePath(dataDir: string): string {
  return join(dataDir, 'agent.sqlite');
}

/**
 * Opens (creating if needed) the agent's SQLite store in WAL mode and brings its schema up to date.
 * WAL keeps readers off the writer's back and survives a crash without losing committed state.
 */
export function openStore(dataDir: string): Db {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  const db = new Database(storePath(dataDir));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  try {
    migrate(db);
  } catch (error) {
    // A store this agent cannot use (too new, failed migration) must not stay open behind the error.
    db.close();
    throw error;
  }
  return db;
}

/** Runs `work` in one transaction: all of it is committed, or none. */
export function inTransaction<T>(db: Db, work: () => T): T {
  return db.transaction(work)();
}

/**
 * A function telling whether another connection (the CLI, say) committed to the store since its last
 * call: SQLite's `data_version` changes only for others' commits, and reading it costs no query plan.
 */
export function changesByOthers(db: Db): () => boolean {
  const version = (): unknown => db.pragma('data_version', { simple: true });
  let seen = version();
  return () => {
    const current = version();
    const changed = current !== seen;
    seen = current;
    return changed;
  };
}
