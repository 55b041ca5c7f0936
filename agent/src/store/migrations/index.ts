import type Database from 'better-sqlite3';
import { foundation } from './001_foundation';
import { projects } from './002_projects';
import { access } from './003_access';
import { apps } from './004_apps';
import { backups } from './005_backups';
import { backupJobs } from './006_backupJobs';
import { imports } from './007_imports';
import { agentAdministrators } from './008_agentAdministrators';
import { sealedSecrets } from './009_sealedSecrets';
import { databaseRole } from './011_databaseRole';
import { missingAttachments } from './014_missingAttachments';
import { runners } from './015_runners';
import { deletedProjects } from './016_deletedProjects';
import { queueRunner } from './018_queueRunner';
import { dryRuns } from './019_dryRuns';
import type { SecretBox } from '../secretBox';

/** One schema step. Released migrations are never edited: a change is a new migration. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly up: (db: Database.Database, context?: MigrationContext) => void;
}

/** What a migration may need beside the database: the key that seals secrets (009). */
export interface MigrationContext {
  readonly secrets?: SecretBox;
}

/** Every migration, in ascending version order (versions need not be consecutive). */
export const MIGRATIONS: readonly Migration[] = [
  foundation,
  projects,
  access,
  apps,
  backups,
  backupJobs,
  imports,
  agentAdministrators,
  sealedSecrets,
  databaseRole,
  missingAttachments,
  runners,
  deletedProjects,
  queueRunner,
  dryRuns,
];

/** The schema version the code expects. */
export function latestVersion(): number {
  return MIGRATIONS.at(-1)?.version ?? 0;
}

/** A store written by a newer agent cannot be opened by this one. */
export class StoreTooNewError extends Error {
  override readonly name = 'StoreTooNewError';
}

/**
 * Applies the migrations the store has not seen, each in its own transaction together with the row that
 * records it, so a crash leaves the store at a whole version.
 */
export function migrate(db: Database.Database, context: MigrationContext = {}): { from: number; to: number } {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const applied = new Set(
    (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map(
      (r) => r.version,
    ),
  );
  const from = Math.max(0, ...applied);
  if (from > latestVersion()) {
    throw new StoreTooNewError(
      `the store is at schema version ${from}, newer than this agent's ${latestVersion()}`,
    );
  }
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  // Every migration not yet recorded, not only those above the highest: features land on main in any
  // order (5 before 3 and 4), and a store that ran 5 first must still get 3 and 4 when they arrive.
  for (const migration of MIGRATIONS.filter((m) => !applied.has(m.version))) {
    db.transaction(() => {
      migration.up(db, context);
      record.run(migration.version, migration.name, new Date().toISOString());
    })();
  }
  return { from, to: latestVersion() };
}
