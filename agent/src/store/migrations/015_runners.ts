import type { Migration } from './index';

/**
 * Runners: Ansible playbooks run as jobs of kind `runner` (the job tables are rebuilt as in 007 for the new
 * kind; a runner job's `app_id` is its environment's id and it runs beside the apps' jobs), and
 * `runner_runs` keeps what a run is beyond its job: the playbook, branch, redacted extra vars, and the
 * per-task results (the log is the `playbook` step's).
 */
export const runners: Migration = {
  version: 15,
  name: 'runners',
  up: (db) => {
    db.exec(`
      CREATE TABLE jobs_v15 (
        id TEXT PRIMARY KEY,
        project_id TEXT NOT NULL,
        environment_id TEXT NOT NULL,
        app_id TEXT NOT NULL,
        server_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('deploy', 'update', 'backup', 'restore', 'verify', 'import', 'runner')),
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
      INSERT INTO jobs_v15 SELECT id, project_id, environment_id, app_id, server_id, kind, state, requested_by,
          commit_sha, revision, backup_id, options, progress, error_code, error_message, undo, created_at,
          started_at, finished_at
        FROM jobs;

      CREATE TABLE job_steps_v15 (
        job_id TEXT NOT NULL REFERENCES jobs_v15 (id) ON DELETE CASCADE,
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
      INSERT INTO job_steps_v15 SELECT job_id, position, name, state, started_at, finished_at, duration_ms,
          summary, log FROM job_steps;

      DROP TABLE job_steps;
      DROP TABLE jobs;
      ALTER TABLE jobs_v15 RENAME TO jobs;
      ALTER TABLE job_steps_v15 RENAME TO job_steps;

      CREATE INDEX jobs_project_created ON jobs (project_id, created_at);
      CREATE INDEX jobs_app_created ON jobs (app_id, created_at);
      CREATE UNIQUE INDEX jobs_one_pending_per_app ON jobs (app_id)
        WHERE state IN ('queued', 'running') AND kind NOT IN ('verify', 'import', 'runner');

      CREATE TABLE runner_runs (
        job_id TEXT PRIMARY KEY REFERENCES jobs (id) ON DELETE CASCADE,
        project_id TEXT NOT NULL,
        environment_type TEXT NOT NULL,
        playbook TEXT NOT NULL,
        ref TEXT NOT NULL,
        extra_vars TEXT NOT NULL,
        tasks TEXT NOT NULL DEFAULT '[]',
        created_at TEXT NOT NULL
      );
      CREATE INDEX runner_runs_project_created ON runner_runs (project_id, created_at);
    `);
  },
};
