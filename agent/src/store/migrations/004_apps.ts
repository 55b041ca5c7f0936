import type { Migration } from './index';

/**
 * Apps (branch environments), their jobs and steps, and the PostgreSQL servers their databases live on.
 * Secrets (database passwords) live in their own tables, so no list query can select them by accident.
 * Jobs keep no foreign key to their app: the Workflows history outlives a destroyed app.
 */
export const apps: Migration = {
  version: 4,
  name: 'apps',
  up: (db) => {
    db.exec(`
      CREATE TABLE database_servers (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        host TEXT NOT NULL,
        port INTEGER NOT NULL,
        admin_user TEXT NOT NULL,
        is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
        from_config INTEGER NOT NULL DEFAULT 0 CHECK (from_config IN (0, 1)),
        created_at TEXT NOT NULL
      );
      CREATE UNIQUE INDEX database_servers_one_default ON database_servers (is_default) WHERE is_default = 1;

      CREATE TABLE database_server_secrets (
        server_id TEXT PRIMARY KEY REFERENCES database_servers (id) ON DELETE CASCADE,
        admin_password TEXT NOT NULL
      );

      CREATE TABLE apps (
        id TEXT PRIMARY KEY,
        project_id TEXT NOT NULL REFERENCES projects (id),
        environment_id TEXT NOT NULL REFERENCES environments (id),
        environment_type TEXT NOT NULL CHECK (environment_type IN ('production', 'staging', 'development')),
        server_id TEXT NOT NULL REFERENCES servers (id),
        name TEXT NOT NULL,
        slug TEXT NOT NULL,
        branch TEXT NOT NULL,
        commit_sha TEXT,
        odoo_version TEXT NOT NULL,
        edition TEXT NOT NULL,
        -- The app's own image setting; NULL means the project's, then the official odoo:<version>.
        base_image TEXT,
        state TEXT NOT NULL,
        disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
        database_server_id TEXT NOT NULL REFERENCES database_servers (id),
        database_name TEXT NOT NULL,
        revision INTEGER NOT NULL DEFAULT 0,
        -- The stable port the agent's proxy serves the app on.
        public_port INTEGER NOT NULL,
        -- The container of the current revision and the loopback port it publishes 8069 on.
        container_name TEXT,
        container_port INTEGER,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        last_deployed_at TEXT,
        log_warnings INTEGER NOT NULL DEFAULT 0,
        log_errors INTEGER NOT NULL DEFAULT 0,
        log_since TEXT,
        last_error_code TEXT,
        last_error_message TEXT,
        neutralized INTEGER NOT NULL DEFAULT 0 CHECK (neutralized IN (0, 1)),
        UNIQUE (project_id, name),
        UNIQUE (project_id, slug),
        UNIQUE (database_server_id, database_name)
      );
      -- Odoo.sh's rule, enforced by the store itself: one production app per project.
      CREATE UNIQUE INDEX apps_one_production ON apps (project_id) WHERE environment_type = 'production';
      CREATE UNIQUE INDEX apps_public_port ON apps (server_id, public_port);

      CREATE TABLE app_secrets (
        app_id TEXT PRIMARY KEY REFERENCES apps (id) ON DELETE CASCADE,
        database_password TEXT NOT NULL
      );

      CREATE TABLE jobs (
        id TEXT PRIMARY KEY,
        project_id TEXT NOT NULL,
        environment_id TEXT NOT NULL,
        app_id TEXT NOT NULL,
        server_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('deploy', 'update')),
        state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'succeeded', 'failed', 'canceled', 'interrupted')),
        requested_by TEXT NOT NULL,
        commit_sha TEXT,
        revision INTEGER NOT NULL,
        progress INTEGER NOT NULL DEFAULT 0,
        error_code TEXT,
        error_message TEXT,
        -- What the job made so far (candidate container, snapshot, checkout), so a failure, a cancel or an
        -- interrupted run can undo exactly that.
        undo TEXT NOT NULL DEFAULT '{}',
        created_at TEXT NOT NULL,
        started_at TEXT,
        finished_at TEXT
      );
      CREATE INDEX jobs_project_created ON jobs (project_id, created_at);
      CREATE INDEX jobs_app_created ON jobs (app_id, created_at);
      -- One deploy at a time per app.
      CREATE UNIQUE INDEX jobs_one_pending_per_app ON jobs (app_id) WHERE state IN ('queued', 'running');

      CREATE TABLE job_steps (
        job_id TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
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
    `);
  },
};
