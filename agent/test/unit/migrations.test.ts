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

  // Versions ascend but need not be consecutive: features land on main in any order (5 before 3 and 4).
  it('numbers migrations in strictly ascending order from 1', () => {
    const versions = MIGRATIONS.map((m) => m.version);
    assert.equal(versions[0], 1);
    assert.ok(versions.every((v, i) => i === 0 || v > versions[i - 1]!));
    assert.equal(latestVersion(), versions.at(-1));
  });

  it("applies a migration that lands below the store's highest version", () => {
    const db = new Database(':memory:');
    try {
      // A store that ran only the first migration and the backups' (the apps' merged later; the ones
      // after the backups' build on the apps' tables, so they come after it here too).
      applyRange(db, 1, 1);
      const last = MIGRATIONS.find((m) => m.name === 'backups')!;
      last.up(db);
      db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(last.version, last.name, 'then');
      assert.deepEqual(migrate(db), { from: last.version, to: latestVersion() });
      assert.ok(latestVersion() > last.version, 'later migrations still apply after the landed one');
      const applied = db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as {
        version: number;
      }[];
      assert.deepEqual(
        applied.map((r) => r.version),
        MIGRATIONS.map((m) => m.version),
      );
    } finally {
      db.close();
    }
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
    for (const version of MIGRATIONS.map((m) => m.version)) {
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

  it('keeps every job and step when the job tables are rebuilt for backup jobs (006)', () => {
    const db = new Database(':memory:');
    try {
      db.pragma('foreign_keys = ON');
      applyRange(db, 1, 5);
      db.prepare(
        `INSERT INTO jobs (id, project_id, environment_id, app_id, server_id, kind, state, requested_by, revision,
           created_at) VALUES ('j1', 'p', 'e', 'a', 's', 'update', 'succeeded', 'agent', 2, 'then')`,
      ).run();
      db.prepare(
        "INSERT INTO job_steps (job_id, position, name, state, log) VALUES ('j1', 0, 'fetch', 'succeeded', 'ok')",
      ).run();
      migrate(db);
      assert.deepEqual(db.prepare('SELECT kind, backup_id, options FROM jobs').all(), [
        { kind: 'update', backup_id: null, options: '{}' },
      ]);
      assert.deepEqual(db.prepare('SELECT job_id, name, log FROM job_steps').all(), [
        { job_id: 'j1', name: 'fetch', log: 'ok' },
      ]);
      db.prepare("DELETE FROM jobs WHERE id = 'j1'").run();
      assert.equal(db.prepare('SELECT COUNT(*) AS n FROM job_steps').pluck().get(), 0, 'steps still cascade');
    } finally {
      db.close();
    }
  });
  it('keeps runner runs and their jobs when the job tables are rebuilt for dry runs (019)', () => {
    const db = new Database(':memory:');
    try {
      db.pragma('foreign_keys = ON');
      applyRange(db, 1, 16);
      db.prepare(
        `INSERT INTO jobs (id, project_id, environment_id, app_id, server_id, kind, state, requested_by, revision,
           created_at) VALUES ('r1', 'p', 'e', 'e', 's', 'runner', 'succeeded', 'agent', 0, 'then')`,
      ).run();
      db.prepare(
        `INSERT INTO runner_runs (job_id, project_id, environment_type, playbook, ref, extra_vars, created_at)
           VALUES ('r1', 'p', 'development', 'site.yml', 'main', '{}', 'then')`,
      ).run();
      migrate(db);
      assert.deepEqual(db.prepare('SELECT job_id, playbook FROM runner_runs').all(), [
        { job_id: 'r1', playbook: 'site.yml' },
      ]);
      db.prepare(
        `INSERT INTO jobs (id, project_id, environment_id, app_id, server_id, kind, state, requested_by, revision,
           created_at) VALUES ('d1', 'p', 'e', 'a', 's', 'dryRun', 'queued', 'agent', 3, 'then')`,
      ).run();
      db.prepare("DELETE FROM jobs WHERE id = 'r1'").run();
      assert.equal(
        db.prepare('SELECT COUNT(*) AS n FROM runner_runs').pluck().get(),
        0,
        'runs still cascade',
      );
    } finally {
      db.close();
    }
  });
});
