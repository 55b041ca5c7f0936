import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore, storePath, type Db } from '../../src/store/database';
import { MIGRATIONS, StoreTooNewError, latestVersion, migrate } from '../../src/store/migrations';
import { TokenService } from '../../src/services/tokens';
import { UserService } from '../../src/services/users';

function schemaVersion(db: Db): number {
  return (db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number }).v;
}

/** Applies migrations `from`..`to` the way older agents did, one release after another. */
function applyRange(db: Db, from: number, to: number): void {
  if (from === 1) {
    db.exec(
      'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
    );
  }
  for (const migration of MIGRATIONS.filter((m) => m.version >= from && m.version <= to)) {
    migration.up(db);
    db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(
      migration.version,
      migration.name,
      'then',
    );
  }
}

describe('agent store migrations', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'paas-migrations-'));
  });

  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('numbers migrations consecutively from 1', () => {
    assert.deepEqual(
      MIGRATIONS.map((m) => m.version),
      MIGRATIONS.map((_, i) => i + 1),
    );
    assert.equal(latestVersion(), MIGRATIONS.length);
  });

  it('creates a fresh store at the latest version', () => {
    const db = openStore(dataDir);
    try {
      assert.equal(schemaVersion(db), latestVersion());
      assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    } finally {
      db.close();
    }
  });

  it('re-opens a store without changes, keeping its data', () => {
    const first = openStore(dataDir);
    const user = new UserService(first).create('kept@example.com', 'Kept');
    const { token } = new TokenService(first).create('kept', user.id);
    const applied = first.prepare('SELECT * FROM schema_migrations ORDER BY version').all();
    first.close();
    const second = openStore(dataDir);
    try {
      assert.deepEqual(second.prepare('SELECT * FROM schema_migrations ORDER BY version').all(), applied);
      assert.equal(new TokenService(second).verify(token)?.name, 'kept');
      assert.deepEqual(migrate(second), { from: latestVersion(), to: latestVersion() });
    } finally {
      second.close();
    }
  });

  it('brings a store from every older version to the latest, keeping its rows', () => {
    for (let version = 1; version <= latestVersion(); version++) {
      const db = new Database(':memory:');
      try {
        // Tokens exist since version 1: a row the first release wrote must survive every later upgrade.
        applyRange(db, 1, 1);
        db.prepare(
          "INSERT INTO tokens (id, name, role, secret_hash, created_at) VALUES ('old1', 'old', 'viewer', x'00', 'then')",
        ).run();
        applyRange(db, 2, version);
        assert.deepEqual(migrate(db), { from: version, to: latestVersion() });
        assert.equal(schemaVersion(db), latestVersion());
        assert.deepEqual(db.prepare('SELECT id, name FROM tokens').all(), [{ id: 'old1', name: 'old' }]);
      } finally {
        db.close();
      }
    }
  });

  it('refuses a store written by a newer agent, and leaves it as it was', () => {
    openStore(dataDir).close();
    const raw = new Database(storePath(dataDir));
    raw.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(latestVersion() + 1, 'future', 'later');
    raw.close();
    assert.throws(
      () => openStore(dataDir),
      (error: Error) => {
        assert.ok(error instanceof StoreTooNewError);
        assert.match(error.message, new RegExp(`${latestVersion() + 1}.*${latestVersion()}`));
        return true;
      },
    );
    const check = new Database(storePath(dataDir), { readonly: true });
    try {
      assert.equal(schemaVersion(check), latestVersion() + 1);
    } finally {
      check.close();
    }
  });
});
