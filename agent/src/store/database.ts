import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { migrate } from './migrations';
import { SecretBox, SecretKeyError } from './secretBox';
import { loadSecretKey } from './secretKey';

export type Db = Database.Database;

/** The agent's own state file inside its data directory. */
export function storePath(dataDir: string): string {
  return join(dataDir, 'agent.sqlite');
}

/** Where the key sealing the store's secrets lives unless the config says otherwise. */
export function defaultSecretKeyPath(dataDir: string): string {
  return join(dataDir, 'secret.key');
}

/** The value sealed into `secret_key_check`: opening it proves the key is the store's. */
const KEY_CHECK = 'paas-agent secret key check';

/**
 * Each open store's secret box. It travels with the handle so the store functions that read and write the
 * secret tables seal and open without every caller passing the key along.
 */
const boxes = new WeakMap<Db, SecretBox>();

/** The box sealing this store's secrets; a store opened without {@link openStore} has none. */
export function storeSecrets(db: Db): SecretBox {
  const box = boxes.get(db);
  if (!box) throw new SecretKeyError('SECRET_KEY_MISSING', 'this store was opened without its secret key');
  return box;
}

/**
 * The store and its WAL files are readable by the agent's account only (they hold token hashes and the
 * sealed secrets). SQLite gives the -wal and -shm files the database file's mode when it creates them;
 * files left by an older agent are narrowed here.
 */
function restrictStoreFiles(path: string): void {
  closeSync(openSync(path, 'a', 0o600));
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    if (existsSync(file)) chmodSync(file, 0o600);
  }
}

function sealedCheck(db: Db): string | undefined {
  const table = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'secret_key_check'")
    .get();
  if (!table) return undefined;
  const row = db.prepare('SELECT sealed FROM secret_key_check WHERE id = 1').get() as
    { sealed: string } | undefined;
  return row?.sealed;
}

/** Loads the key (creating it for a store that has sealed nothing yet) and proves it is this store's. */
function unlock(db: Db, keyFile: string): SecretBox {
  const check = sealedCheck(db);
  const box = new SecretBox(loadSecretKey(keyFile, check === undefined));
  if (check !== undefined) {
    try {
      box.open(check);
    } catch (error) {
      throw new SecretKeyError(
        'SECRET_KEY_MISMATCH',
        `the secret key in ${keyFile} is not the one this store's secrets were sealed with`,
        { cause: error },
      );
    }
  }
  return box;
}

/**
 * Opens (creating if needed) the agent's SQLite store in WAL mode and brings its schema up to date.
 * WAL keeps readers off the writer's back and survives a crash without losing committed state. Secrets in
 * it are sealed with the key in `secretKeyFile` (default `<dataDir>/secret.key`, created at first start).
 */
export function openStore(dataDir: string, secretKeyFile = defaultSecretKeyPath(dataDir)): Db {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  const path = storePath(dataDir);
  restrictStoreFiles(path);
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    restrictStoreFiles(path);
    const secrets = unlock(db, secretKeyFile);
    migrate(db, { secrets });
    if (sealedCheck(db) === undefined) {
      db.prepare('INSERT INTO secret_key_check (id, sealed) VALUES (1, ?)').run(secrets.seal(KEY_CHECK));
    }
    boxes.set(db, secrets);
  } catch (error) {
    // A store this agent cannot use (too new, failed migration, wrong key) must not stay open behind the error.
    db.close();
    throw error;
  }
  return db;
}

/** Runs `work` in one transaction: all of it is committed, or none. */
export function inTransaction<T>(db: Db, work: () => T): T {
  return db.transaction(work)();
}

/**
 * A function telling whether another connection (the CLI, say) committed to the store since its last
 * call: SQLite's `data_version` changes only for others' commits, and reading it costs no query plan.
 */
export function changesByOthers(db: Db): () => boolean {
  const version = (): unknown => db.pragma('data_version', { simple: true });
  let seen = version();
  return () => {
    const current = version();
    const changed = current !== seen;
    seen = current;
    return changed;
  };
}
