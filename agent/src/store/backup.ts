import Database from 'better-sqlite3';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { storePath } from './database';

/** The store to copy does not exist, or the destination already does. */
export class StoreAdapterError extends Error {
  override readonly name = 'StoreAdapterError';
}

/**
 * Copies the agent's store to `target` with SQLite's online backup, so it is consistent even while the agent
 * runs and writes. The store is opened read-only and is not migrated: the copy is the schema as it is.
 * `target` is created with mode 0600 (it holds token hashes and settings) and must not exist yet.
 */
export async function backupStore(dataDir: string, target: string): Promise<void> {
  const source = storePath(dataDir);
  if (!existsSync(source)) throw new StoreAdapterError(`no agent store at ${source}`);
  try {
    // 'wx' refuses an existing file atomically; SQLite fills the empty file it is given.
    writeFileSync(target, '', { flag: 'wx', mode: 0o600 });
  } catch (error) {
    throw new StoreAdapterError(`cannot create ${target}: ${(error as Error).message}`, { cause: error });
  }
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    await db.backup(target);
  } catch (error) {
    rmSync(target, { force: true });
    throw new StoreAdapterError(`backup to ${target} failed: ${(error as Error).message}`, { cause: error });
  } finally {
    db.close();
  }
}
