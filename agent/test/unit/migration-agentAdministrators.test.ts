import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { MIGRATIONS, migrate } from '../../src/store/migrations';
import { SecretBox, SECRET_KEY_BYTES } from '../../src/store/secretBox';

/** Migration 9 seals what 8 moved into project_secrets: the store is migrated with a key. */
const secrets = new SecretBox(randomBytes(SECRET_KEY_BYTES));

/** A store as version 7 left it, with secrets in repository URLs and in a past audit entry. */
function versionSevenStore(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  db.exec(
    'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
  );
  for (const migration of MIGRATIONS.filter((m) => m.version <= 7)) {
    migration.up(db);
    db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(
      migration.version,
      migration.name,
      'then',
    );
  }
  db.exec(`
    INSERT INTO organizations (id, name, created_at) VALUES ('org1', 'host', 't0'), ('org2', 'other', 't1');
    INSERT INTO users (id, email, display_name, created_at) VALUES
      ('u1', 'first@example.com', 'First', 't0'), ('u2', 'other@example.com', 'Other', 't0');
    INSERT INTO memberships (organization_id, user_id, role, joined_at) VALUES
      ('org1', 'u1', 'owner', 't0'), ('org2', 'u2', 'owner', 't1');
    INSERT INTO projects (id, organization_id, name, code, registry_url, domain_provider, plan_tier, plan_billing,
      configuration, created_at, updated_at) VALUES
      ('p1', 'org1', 'Shop', 'shop', 'https://ci:s3cret@git.example.com/shop.git', '{}', 'free', 'monthly', '{}', 't0', 't0'),
      ('p2', 'org1', 'Plain', 'plain', 'ssh://git@git.example.com/plain.git', '{}', 'free', 'monthly', '{}', 't0', 't0');
    INSERT INTO audit_log (at, actor, action, target, outcome, source, params) VALUES
      ('t0', 'user:u1', 'projects/update', 'project:p1', 'succeeded', 'x',
       '{"registry":{"url":"https://ci:s3cret@git.example.com/shop.git"}}');
  `);
  return db;
}

describe('agent migration 8 (agent administrators)', () => {
  it('makes the first organization\u2019s owners agent administrators, nobody else', () => {
    const db = versionSevenStore();
    migrate(db, { secrets });
    const admins = db.prepare('SELECT id FROM users WHERE agent_admin = 1').all() as { id: string }[];
    assert.deepEqual(admins, [{ id: 'u1' }]);
    db.close();
  });

  it('moves a project URL\u2019s password into its credentials and out of the audit log', () => {
    const db = versionSevenStore();
    migrate(db, { secrets });
    const project = db
      .prepare('SELECT registry_url, registry_credentials_kind FROM projects WHERE id = ?')
      .get('p1') as { registry_url: string; registry_credentials_kind: string };
    assert.deepEqual(project, {
      registry_url: 'https://git.example.com/shop.git',
      registry_credentials_kind: 'token',
    });
    const secret = db
      .prepare('SELECT registry_credentials FROM project_secrets WHERE project_id = ?')
      .get('p1') as {
      registry_credentials: string;
    };
    assert.deepEqual(JSON.parse(secrets.open(secret.registry_credentials)), {
      kind: 'token',
      username: 'ci',
      token: 's3cret',
    });
    const plain = db.prepare('SELECT registry_url FROM projects WHERE id = ?').get('p2') as {
      registry_url: string;
    };
    assert.equal(plain.registry_url, 'ssh://git@git.example.com/plain.git', 'an ssh user name is no secret');
    const audit = db.prepare('SELECT params FROM audit_log').all() as { params: string }[];
    assert.doesNotMatch(JSON.stringify(audit), /s3cret/);
    assert.throws(() => db.prepare("UPDATE audit_log SET params = '{}'").run(), /append-only/);
    db.close();
  });
});
