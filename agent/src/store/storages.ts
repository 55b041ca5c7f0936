import { StorageConfigSchema, StorageSecretSchema, type StorageConfig } from '@paas/protocol';
import type { z } from 'zod';
import { storeSecrets, type Db } from './database';
import { readJson } from './json';

export type StorageSecret = z.infer<typeof StorageSecretSchema>;

/** A storage as stored; its secret is read apart, only by the code that opens the storage. */
export interface StorageRecord {
  id: string;
  name: string;
  config: StorageConfig;
  isDefault: boolean;
  createdAt: string;
  updatedAt: string;
}

interface StorageRow {
  id: string;
  name: string;
  kind: StorageConfig['kind'];
  config: string;
  is_default: number;
  created_at: string;
  updated_at: string;
}

function toRecord(row: StorageRow): StorageRecord {
  return {
    id: row.id,
    name: row.name,
    config: readJson(StorageConfigSchema, row.config),
    isDefault: row.is_default === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function insertStorage(db: Db, record: StorageRecord): void {
  db.prepare(
    `INSERT INTO storages (id, name, kind, config, is_default, created_at, updated_at)
     VALUES (@id, @name, @kind, @config, @isDefault, @createdAt, @updatedAt)`,
  ).run({
    ...record,
    kind: record.config.kind,
    config: JSON.stringify(record.config),
    isDefault: record.isDefault ? 1 : 0,
  });
}

export function saveStorage(db: Db, record: StorageRecord): void {
  db.prepare(
    'UPDATE storages SET name = @name, kind = @kind, config = @config, updated_at = @updatedAt WHERE id = @id',
  ).run({
    ...record,
    kind: record.config.kind,
    config: JSON.stringify(record.config),
  });
}

export function findStorage(db: Db, id: string): StorageRecord | undefined {
  const row = db.prepare('SELECT * FROM storages WHERE id = ?').get(id) as StorageRow | undefined;
  return row && toRecord(row);
}

export function findDefaultStorage(db: Db): StorageRecord | undefined {
  const row = db.prepare('SELECT * FROM storages WHERE is_default = 1').get() as StorageRow | undefined;
  return row && toRecord(row);
}

export function listStorages(db: Db): StorageRecord[] {
  return (db.prepare('SELECT * FROM storages ORDER BY is_default DESC, name').all() as StorageRow[]).map(
    toRecord,
  );
}

export function isStorageNameTaken(db: Db, name: string, exceptId = ''): boolean {
  return db.prepare('SELECT 1 FROM storages WHERE name = ? AND id <> ?').get(name, exceptId) !== undefined;
}

export function deleteStorage(db: Db, id: string): void {
  db.prepare('DELETE FROM storages WHERE id = ?').run(id);
}

export function saveStorageSecret(db: Db, storageId: string, secret: StorageSecret): void {
  db.prepare(
    `INSERT INTO storage_secrets (storage_id, secret) VALUES (?, ?)
     ON CONFLICT (storage_id) DO UPDATE SET secret = excluded.secret`,
  ).run(storageId, storeSecrets(db).seal(JSON.stringify(secret)));
}

export function readStorageSecret(db: Db, storageId: string): StorageSecret | undefined {
  const row = db.prepare('SELECT secret FROM storage_secrets WHERE storage_id = ?').get(storageId) as
    { secret: string } | undefined;
  return row ? readJson(StorageSecretSchema, storeSecrets(db).open(row.secret)) : undefined;
}

export function assignProjectStorage(db: Db, projectId: string, storageId: string): void {
  db.prepare(
    `INSERT INTO project_storages (project_id, storage_id) VALUES (?, ?)
     ON CONFLICT (project_id) DO UPDATE SET storage_id = excluded.storage_id`,
  ).run(projectId, storageId);
}

/** The storage assigned to the project, if any (else the default one applies). */
export function projectStorageId(db: Db, projectId: string): string | undefined {
  const row = db.prepare('SELECT storage_id FROM project_storages WHERE project_id = ?').get(projectId) as
    { storage_id: string } | undefined;
  return row?.storage_id;
}

export function projectsOfStorage(db: Db, storageId: string): string[] {
  return (
    db
      .prepare('SELECT project_id FROM project_storages WHERE storage_id = ? ORDER BY project_id')
      .all(storageId) as { project_id: string }[]
  ).map((r) => r.project_id);
}
