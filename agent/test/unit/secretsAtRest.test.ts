import { strict as assert } from 'node:assert';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { backupStore } from '../../src/store/backup';
import { openStore, storePath, defaultSecretKeyPath, type Db } from '../../src/store/database';
import {
  findDatabaseServer,
  insertDatabaseServer,
  type DatabaseServerRecord,
} from '../../src/store/databaseServers';
import { MIGRATIONS } from '../../src/store/migrations';
import { SecretKeyError } from '../../src/store/secretBox';
import { insertStorage, readStorageSecret, saveStorageSecret } from '../../src/store/storages';

const PASSWORD = `pw-${randomBytes(12).toString('hex')}`;
const KEY_TEXT = `key-${randomBytes(12).toString('hex')}`;

function server(): DatabaseServerRecord {
  return {
    id: 'srv1',
    name: 'main',
    host: '/var/run/postgresql',
    port: 5432,
    adminUser: 'paas_admin',
    isDefault: true,
    fromConfig: false,
    createdAt: 'then',
    adminPassword: PASSWORD,
  };
}

function storeSecrets(db: Db): void {
  insertDatabaseServer(db, server());
  const now = new Date().toISOString();
  insertStorage(db, {
    id: 'st1',
    name: 'offsite',
    config: { kind: 'sftp', host: 'backup.example.com', port: 22, username: 'u', root: '/b' },
    isDefault: false,
    createdAt: now,
    updatedAt: now,
  });
  saveStorageSecret(db, 'st1', { privateKey: KEY_TEXT });
}

function mode(path: string): number {
  return statSync(path).mode & 0o777;
}

function expectKeyError(code: string): (error: unknown) => boolean {
  return (error) => {
    assert.ok(error instanceof SecretKeyError, String(error));
    assert.equal(error.code, code);
    return true;
  };
}

describe('secrets at rest in the agent store', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'paas-secrets-'));
  });

  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps the store, its WAL files and the key 0600, and no secret in clear', () => {
    const db = openStore(dataDir);
    storeSecrets(db);
    for (const file of ['', '-wal', '-shm']) assert.equal(mode(`${storePath(dataDir)}${file}`), 0o600, file);
    assert.equal(mode(defaultSecretKeyPath(dataDir)), 0o600);
    assert.equal(findDatabaseServer(db, 'srv1')?.adminPassword, PASSWORD);
    assert.deepEqual(readStorageSecret(db, 'st1'), { privateKey: KEY_TEXT });
    const wal = readFileSync(`${storePath(dataDir)}-wal`);
    db.close();
    const bytes = Buffer.concat([readFileSync(storePath(dataDir)), wal]);
    assert.ok(!bytes.includes(PASSWORD), 'the admin password is not in the store file');
    assert.ok(!bytes.includes(KEY_TEXT), 'the storage key is not in the store file');
  });

  it('refuses to open the store with another key, or without its key', () => {
    openStore(dataDir).close();
    const otherKey = join(dataDir, 'other.key');
    writeFileSync(otherKey, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
    assert.throws(() => openStore(dataDir, otherKey), expectKeyError('SECRET_KEY_MISMATCH'));
    assert.throws(() => openStore(dataDir, join(dataDir, 'gone.key')), expectKeyError('SECRET_KEY_MISSING'));
    writeFileSync(otherKey, 'not a key\n');
    assert.throws(() => openStore(dataDir, otherKey), expectKeyError('SECRET_KEY_INVALID'));
  });

  it('gives a store backup its secrets back only with the key', async () => {
    const db = openStore(dataDir);
    storeSecrets(db);
    const copyDir = mkdtempSync(join(tmpdir(), 'paas-secrets-copy-'));
    try {
      await backupStore(dataDir, storePath(copyDir));
      db.close();
      assert.equal(mode(storePath(copyDir)), 0o600);
      assert.throws(() => openStore(copyDir), expectKeyError('SECRET_KEY_MISSING'));
      writeFileSync(defaultSecretKeyPath(copyDir), `${randomBytes(32).toString('base64')}\n`, {
        mode: 0o600,
      });
      assert.throws(() => openStore(copyDir), expectKeyError('SECRET_KEY_MISMATCH'));
      copyFileSync(defaultSecretKeyPath(dataDir), join(copyDir, 'restored.key'));
      const copy = openStore(copyDir, join(copyDir, 'restored.key'));
      assert.equal(findDatabaseServer(copy, 'srv1')?.adminPassword, PASSWORD);
      copy.close();
    } finally {
      rmSync(copyDir, { recursive: true, force: true });
    }
  });

  it('seals the clear secrets an older store holds (009)', () => {
    const old = new Database(storePath(dataDir));
    old.exec(
      'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
    );
    for (const migration of MIGRATIONS.filter((m) => m.version < 9)) {
      migration.up(old);
      old
        .prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)')
        .run(migration.version, migration.name, 'then');
    }
    old
      .prepare(
        `INSERT INTO database_servers (id, name, host, port, admin_user, is_default, from_config, created_at)
       VALUES ('srv1', 'main', 'h', 5432, 'a', 1, 0, 'then')`,
      )
      .run();
    old
      .prepare("INSERT INTO database_server_secrets (server_id, admin_password) VALUES ('srv1', ?)")
      .run(PASSWORD);
    old.close();
    const db = openStore(dataDir);
    const stored = db.prepare('SELECT admin_password FROM database_server_secrets').pluck().get() as string;
    assert.ok(stored.startsWith('v1:') && !stored.includes(PASSWORD));
    assert.equal(findDatabaseServer(db, 'srv1')?.adminPassword, PASSWORD);
    db.close();
  });
});
