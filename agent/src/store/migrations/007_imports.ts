import type { Migration } from './index';

/**
 * Odoo zips brought in by `backups/import`: the jobs table takes the `import` kind (SQLite cannot change a
 * CHECK constraint, so both job tables are rebuilt as in 006), imports run beside an app's other jobs like
 * verifications (they never touch the app), and `uploads` records the files received on `PUT /uploads`
 * until an import uses them or they expire.
 */
export const imports: Migration = {
  version: 7,
  name: 'imports',
  up: (db) => {
    db.exec(`
      CREATE TABLE jobs_v7 (
        id TEXT PRIMARY KEY,
        project_id TEXT NOT NULL,
        environment_id TEXT NOT NULL,
        app_id TEXT NOT NULL,
        server_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('deploy', 'update', 'backup', 'restore', 'verify', 'import')),
        state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'succeeded', 'failed', 'canceled', 'interrupted')),
        requested_by TEXT NOT NULL,
        commit_sha TEXT,
        revision INTEGER NOT NULL,
        backup_id TEXT,
        options TEXT NOT NULL DEFAULT '{}',
        progress INTEGER NOT NULL DEFAULT 0,
        error_code TEXT,
        error_message TEXT,
        undo TEXT NOT NULL DEFAULT '{}',
        created_at TEXT NOT NULL,
        started_at TEXT,
        finished_at TEXT
      );
      INSERT INTO jobs_v7 SELECT id, project_id, environment_id, app_id, server_id, kind, state, requested_by,
          commit_sha, revision, backup_id, options, progress, error_code, error_message, undo, created_at,
          started_at, finished_at
        FROM jobs;

      CREATE TABLE job_steps_v7 (
        job_id TEXT NOT NULL REFERENCES jobs_v7 (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        state TEXT NOT NULL,
        started_at TEXT,
        finished_at TEXT,
        duration_ms INTEGER,
        summary TEXT,
        log TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (job_id, name)
      );
      INSERT INTO job_steps_v7 SELECT job_id, position, name, state, started_at, finished_at, duration_ms,
          summary, log FROM job_steps;

      DROP TABLE job_steps;
      DROP TABLE jobs;
      ALTER TABLE jobs_v7 RENAME TO jobs;
      ALTER TABLE job_steps_v7 RENAME TO job_steps;

      CREATE INDEX jobs_project_created ON jobs (project_id, created_at);
      CREATE INDEX jobs_app_created ON jobs (app_id, created_at);
      CREATE UNIQUE INDEX jobs_one_pending_per_app ON jobs (app_id)
        WHERE state IN ('queued', 'running') AND kind NOT IN ('verify', 'import');

      CREATE TABLE uploads (
        id TEXT PRIMARY KEY,
        app_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        size_bytes INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
      );
      CREATE INDEX uploads_expires ON uploads (expires_at);
    `);
  },
};
