import type { PgServer } from '../../src/adapters/pgtools/pgServer';
import {
  adminServer,
  createDatabase,
  databasesLike,
  dropDatabases,
  removeDir,
  seedOdooDatabase,
  tempDir,
  uniqueName,
} from './backupFixtures';

/** What a backup test works with: a seeded database to back up and a temporary directory. */
export interface BackupScratch {
  readonly server: PgServer;
  /** Every database the suite makes starts with it, so that exactly those are dropped after it. */
  readonly prefix: string;
  /** The seeded Odoo-like database, `<prefix>_src`. */
  readonly source: string;
  /** A fresh temporary directory, there from the suite's first `before` on. */
  readonly dir: string;
}

/**
 * Mocha hooks for the enclosing suite: before its tests, a temporary directory and a source database
 * seeded with `rows` rows; after them, every `<prefix>*` database and the directory are removed.
 */
export function useBackupScratch(label: string, rows: number): BackupScratch {
  const server = adminServer();
  const prefix = uniqueName(label);
  const scratch = { server, prefix, source: `${prefix}_src`, dir: '' };
  before(async () => {
    scratch.dir = await tempDir();
    await createDatabase(server, scratch.source);
    await seedOdooDatabase(server, scratch.source, rows);
  });
  after(async () => {
    await dropDatabases(server, await databasesLike(server, prefix));
    if (scratch.dir) await removeDir(scratch.dir);
  });
  return scratch;
}
