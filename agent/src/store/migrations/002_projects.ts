import type { Migration } from './index';

/**
 * Organizations, projects (with their registry secrets kept apart) and environments. Structured settings
 * are JSON columns validated by the protocol schemas on the way in and out.
 */
export const projects: Migration = {
  version: 2,
  name: 'projects',
  up: (db) => {
    db.exec(`
      CREATE TABLE organizations (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL
      );

      CREATE TABLE projects (
        id TEXT PRIMARY KEY,
        organization_id TEXT NOT NULL REFERENCES organizations (id),
        name TEXT NOT NULL,
        code TEXT NOT NULL UNIQUE,
        deployment_type TEXT NOT NULL DEFAULT 'odoo',
        registry_url TEXT NOT NULL,
        registry_credentials_kind TEXT NOT NULL DEFAULT 'none',
        domain_provider TEXT NOT NULL,
        plan_tier TEXT NOT NULL,
        plan_billing TEXT NOT NULL,
        configuration TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (organization_id, name)
      );

      -- Secrets live in their own table so no project query can select them by accident.
      CREATE TABLE project_secrets (
        project_id TEXT PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
        registry_credentials TEXT NOT NULL
      );

      CREATE TABLE environments (
        id TEXT PRIMARY KEY,
        project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        type TEXT NOT NULL CHECK (type IN ('production', 'staging', 'development')),
        server_id TEXT NOT NULL REFERENCES servers (id),
        automation TEXT NOT NULL,
        shared_addons TEXT NOT NULL DEFAULT '[]',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (project_id, type)
      );
    `);
  },
};
