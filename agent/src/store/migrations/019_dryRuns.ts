import type { Migration } from './index';

/**
 * Update dry-runs: jobs of kind `dryRun` (the job tables are rebuilt as in 015 for the new kind). A dry run
 * works on a throwaway copy of the app's database, but it queues behind the app's deploys and updates (it
 * checks out the app's next revision), so it is not one of the kinds that run beside them.
 */
export const dryRuns: Migration = {
  version: 19,
  name: 'dryRuns',
  up: (db) => {
    db.exec(`
      CREATE TABLE jobs_v19 (
        id TEXT PRIMARY KEY,
        project_id TEXT NOT NULL,
        environment_id TEXT NOT NULL,
        app_id TEXT NOT NULL,
        server_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('deploy', 'update', 'backup', 'restore', 'verify', 'import', 'runner', 'dryRun')),
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
      INSERT INTO jobs_v19 SELECT id, project_id, environment_id, app_id, server_id, kind, state, requested_by,
          commit_sha, revision, backup_id, options, progress, error_code, error_message, undo, created_at,
          started_at, finished_at
        FROM jobs;

      CREATE TABLE job_steps_v19 (
        job_id TEXT NOT NULL REFERENCES jobs_v19 (id) ON DELETE CASCADE,
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
      INSERT INTO job_steps_v19 SELECT job_id, position, name, state, started_at, finished_at, duration_ms,
          summary, log FROM job_steps;

      -- Dropping jobs (foreign keys on) deletes its runner runs by cascade: they are kept aside and put back.
      CREATE TEMP TABLE runner_runs_v19 AS SELECT * FROM runner_runs;
      DROP TABLE job_steps;
      DROP TABLE jobs;
      ALTER TABLE jobs_v19 RENAME TO jobs;
      ALTER TABLE job_steps_v19 RENAME TO job_steps;

      CREATE INDEX jobs_project_created ON jobs (project_id, created_at);
      CREATE INDEX jobs_app_created ON jobs (app_id, created_at);
      CREATE UNIQUE INDEX jobs_one_pending_per_app ON jobs (app_id)
        WHERE state IN ('queued', 'running') AND kind NOT IN ('verify', 'import', 'runner');

      INSERT INTO runner_runs SELECT * FROM runner_runs_v19;
      DROP TABLE runner_runs_v19;
    `);
  },
};
