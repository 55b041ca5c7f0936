import type { Migration } from './index';

/**
 * A deleted project leaves its organization and name behind, so its final backups (whose rows keep the
 * project id) stay in the organization's catalog: listable, downloadable, restorable and deletable by
 * the organization's Admins. Projects deleted before this migration left nothing to find them by.
 */
export const deletedProjects: Migration = {
  version: 16,
  name: 'deletedProjects',
  up: (db) => {
    db.exec(`
      CREATE TABLE deleted_projects (
        id TEXT PRIMARY KEY,
        organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        code TEXT NOT NULL,
        deleted_at TEXT NOT NULL
      );
      CREATE INDEX deleted_projects_organization ON deleted_projects (organization_id);
    `);
  },
};
