import type { Migration } from './index';

/** Servers, API tokens, the audit log and agent settings. */
export const foundation: Migration = {
  version: 1,
  name: 'foundation',
  up: (db) => {
    db.exec(`
      CREATE TABLE servers (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        hostname TEXT NOT NULL,
        is_local INTEGER NOT NULL DEFAULT 0 CHECK (is_local IN (0, 1)),
        created_at TEXT NOT NULL
      );
      CREATE UNIQUE INDEX servers_one_local ON servers (is_local) WHERE is_local = 1;

      CREATE TABLE tokens (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        role TEXT NOT NULL,
        secret_hash BLOB NOT NULL,
        created_at TEXT NOT NULL,
        last_used_at TEXT,
        revoked_at TEXT
      );
      CREATE UNIQUE INDEX tokens_active_name ON tokens (name) WHERE revoked_at IS NULL;

      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT,
        outcome TEXT NOT NULL CHECK (outcome IN ('succeeded', 'refused', 'failed')),
        error_code INTEGER,
        source TEXT,
        params TEXT NOT NULL DEFAULT '{}'
      );
      CREATE INDEX audit_log_at ON audit_log (at);
      -- Append-only: the agent has no statement that edits or deletes audit entries, and SQLite enforces it.
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
    `);
  },
};
