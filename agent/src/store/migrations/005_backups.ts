import type { Migration } from './index';

/**
 * The backup catalog, storages (secrets in their own table), each project's storage and each
 * environment's schedule. Backups keep no foreign key to apps or environments: the catalog outlives a
 * destroyed app (its pre-destroy backup is the point).
 */
export const backups: Migration = {
  version: 5,
  name: 'backups',
  up: (db) => {
    db.exec(`
      CREATE TABLE storages (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        -- 'imported' is reserved for Odoo zips brought in by backups/import, so that lands without a migration.
        kind TEXT NOT NULL CHECK (kind IN ('local', 'sftp')),
        config TEXT NOT NULL,
        is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE UNIQUE INDEX storages_one_default ON storages (is_default) WHERE is_default = 1;

      CREATE TABLE storage_secrets (
        storage_id TEXT PRIMARY KEY REFERENCES storages (id) ON DELETE CASCADE,
        secret TEXT NOT NULL
      );

      CREATE TABLE project_storages (
        project_id TEXT PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
        storage_id TEXT NOT NULL REFERENCES storages (id)
      );

      CREATE TABLE backup_schedules (
        environment_id TEXT PRIMARY KEY REFERENCES environments (id) ON DELETE CASCADE,
        enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
        cron TEXT NOT NULL,
        retention TEXT NOT NULL,
        verify_newest INTEGER NOT NULL DEFAULT 0 CHECK (verify_newest IN (0, 1)),
        last_run_at TEXT,
        updated_at TEXT NOT NULL
      );

      CREATE TABLE backups (
        id TEXT PRIMARY KEY,
        project_id TEXT NOT NULL,
        environment_id TEXT NOT NULL,
        environment_type TEXT NOT NULL CHECK (environment_type IN ('production', 'staging', 'development')),
        app_id TEXT NOT NULL,
        app_name TEXT NOT NULL,
        -- 'imported' is reserved for Odoo zips brought in by backups/import, so that lands without a migration.
        kind TEXT NOT NULL CHECK (kind IN ('manual', 'scheduled', 'preUpdate', 'preRestore', 'preDestroy', 'imported')),
        status TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'deleted')),
        storage_id TEXT NOT NULL REFERENCES storages (id),
        path TEXT NOT NULL,
        size_bytes INTEGER,
        duration_ms INTEGER,
        odoo_version TEXT,
        commit_sha TEXT,
        files INTEGER,
        tables INTEGER,
        database_sha256 TEXT,
        filestore_sha256 TEXT,
        manifest TEXT,
        created_at TEXT NOT NULL,
        finished_at TEXT,
        error_code TEXT,
        error_message TEXT,
        verify_status TEXT CHECK (verify_status IN ('passed', 'failed')),
        verified_at TEXT,
        verify_message TEXT
      );
      CREATE INDEX backups_project_created ON backups (project_id, created_at);
      CREATE INDEX backups_app_created ON backups (app_id, created_at);
      -- Backups of one app are serialised by the agent; the store refuses a second running one anyway.
      CREATE UNIQUE INDEX backups_one_running_per_app ON backups (app_id) WHERE status = 'running';
    `);
  },
};
