import type { Migration } from './index';

/**
 * An app's PostgreSQL role apart from its database name: a restore moves the app onto a restored
 * database with a name of its own (the old one serves until the new one is healthy, so neither can be
 * renamed), while the role, its password and the objects it owns stay. Existing apps had both the same.
 */
export const databaseRole: Migration = {
  version: 11,
  name: 'databaseRole',
  up: (db) => {
    db.exec(`
      ALTER TABLE apps ADD COLUMN database_role TEXT NOT NULL DEFAULT '';
      UPDATE apps SET database_role = database_name;
    `);
  },
};
