import { strict as assert } from 'node:assert';
import Database from 'better-sqlite3';
import { MIGRATIONS, migrate } from '../../src/store/migrations';

/** A store as version 2 left it: one organization, one project, tokens with roles. */
function versionTwoStore(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  db.exec(
    'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
  );
  for (const migration of MIGRATIONS.filter((m) => m.version <= 2)) {
    migration.up(db);
    db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(
      migration.version,
      migration.name,
      'then',
    );
  }
  db.exec(`
    INSERT INTO organizations (id, name, created_at) VALUES ('org1', 'host', 't0');
    INSERT INTO projects (id, organization_id, name, code, registry_url, domain_provider, plan_tier, plan_billing,
      configuration, created_at, updated_at)
      VALUES ('p1', 'org1', 'Shop', 'shop', 'file:///r', '{}', 'free', 'monthly', '{}', 't0', 't0');
    INSERT INTO tokens (id, name, role, secret_hash, created_at) VALUES ('t1', 'Laptop', 'admin', x'01', 't1');
    INSERT INTO tokens (id, name, role, secret_hash, created_at, revoked_at) VALUES ('t2', 'ci', 'viewer', x'02', 't2', 't3');
    INSERT INTO tokens (id, name, role, secret_hash, created_at) VALUES ('t3', 'ci', 'developer', x'03', 't4');
  `);
  return db;
}

describe('agent migration 3 (access)', () => {
  it('gives every token a user who keeps the access the token had', () => {
    const db = versionTwoStore();
    try {
      migrate(db);
      const users = db.prepare('SELECT id, email, display_name FROM users ORDER BY email').all() as {
        id: string;
        email: string;
      }[];
      assert.deepEqual(
        users.map((u) => u.email),
        ['ci@tokens.local', 'laptop@tokens.local'],
      );
      const tokens = db.prepare('SELECT id, user_id, name, revoked_at FROM tokens ORDER BY id').all() as {
        user_id: string;
      }[];
      assert.equal(tokens.length, 3);
      assert.equal(tokens[1]!.user_id, tokens[2]!.user_id, 'one user per token name');
      const roles = db
        .prepare(
          'SELECT u.email, m.role FROM memberships m JOIN users u ON u.id = m.user_id ORDER BY u.email',
        )
        .all();
      assert.deepEqual(roles, [
        { email: 'ci@tokens.local', role: 'developer' },
        { email: 'laptop@tokens.local', role: 'admin' },
      ]);
      const grants = db.prepare('SELECT project_id, role FROM project_collaborators').all();
      assert.deepEqual(grants, [{ project_id: 'p1', role: 'developer' }], 'the developer keeps the project');
      assert.equal((db.prepare('SELECT COUNT(*) AS n FROM plans').get() as { n: number }).n, 4);
    } finally {
      db.close();
    }
  });
});
