import {
  BackupManifestSchema,
  type Backup,
  type BackupKind,
  type BackupManifest,
  type BackupStatus,
} from '@paas/protocol';
import type { Db } from './database';
import { readJson } from './json';

/** A catalog row as stored. */
export interface BackupRecord extends Omit<Backup, 'storageName'> {
  manifest: BackupManifest | null;
}

interface BackupRow {
  id: string;
  project_id: string;
  environment_id: string;
  environment_type: Backup['environmentType'];
  app_id: string;
  app_name: string;
  kind: BackupKind;
  status: BackupStatus;
  storage_id: string;
  path: string;
  size_bytes: number | null;
  duration_ms: number | null;
  odoo_version: string | null;
  commit_sha: string | null;
  files: number | null;
  missing_attachments: number | null;
  tables: number | null;
  database_sha256: string | null;
  filestore_sha256: string | null;
  manifest: string | null;
  created_at: string;
  finished_at: string | null;
  error_code: string | null;
  error_message: string | null;
  verify_status: 'passed' | 'failed' | null;
  verified_at: string | null;
  verify_message: string | null;
}

function toRecord(row: BackupRow): BackupRecord {
  return {
    id: row.id,
    projectId: row.project_id,
    environmentId: row.environment_id,
    environmentType: row.environment_type,
    appId: row.app_id,
    appName: row.app_name,
    kind: row.kind,
    status: row.status,
    storageId: row.storage_id,
    path: row.path,
    sizeBytes: row.size_bytes,
    durationMs: row.duration_ms,
    odooVersion: row.odoo_version,
    commitSha: row.commit_sha,
    files: row.files,
    missingAttachments: row.missing_attachments,
    tables: row.tables,
    checksums:
      row.database_sha256 && row.filestore_sha256
        ? { database: row.database_sha256, filestore: row.filestore_sha256 }
        : null,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
    error: row.error_code === null ? null : { code: row.error_code, message: row.error_message ?? '' },
    verification:
      row.verify_status && row.verified_at
        ? { status: row.verify_status, at: row.verified_at, message: row.verify_message ?? '' }
        : null,
    manifest: row.manifest === null ? null : readJson(BackupManifestSchema, row.manifest),
  };
}

function toRow(record: BackupRecord): BackupRow {
  return {
    id: record.id,
    project_id: record.projectId,
    environment_id: record.environmentId,
    environment_type: record.environmentType,
    app_id: record.appId,
    app_name: record.appName,
    kind: record.kind,
    status: record.status,
    storage_id: record.storageId,
    path: record.path,
    size_bytes: record.sizeBytes,
    duration_ms: record.durationMs,
    odoo_version: record.odooVersion,
    commit_sha: record.commitSha,
    files: record.files,
    missing_attachments: record.missingAttachments,
    tables: record.tables,
    database_sha256: record.checksums?.database ?? null,
    filestore_sha256: record.checksums?.filestore ?? null,
    manifest: record.manifest === null ? null : JSON.stringify(record.manifest),
    created_at: record.createdAt,
    finished_at: record.finishedAt,
    error_code: record.error?.code ?? null,
    error_message: record.error?.message ?? null,
    verify_status: record.verification?.status ?? null,
    verified_at: record.verification?.at ?? null,
    verify_message: record.verification?.message ?? null,
  };
}

const COLUMNS = Object.keys(
  toRow({ checksums: null, error: null, verification: null, manifest: null } as BackupRecord),
);

export function insertBackup(db: Db, record: BackupRecord): void {
  db.prepare(
    `INSERT INTO backups (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')})`,
  ).run(toRow(record));
}

export function saveBackup(db: Db, record: BackupRecord): void {
  const mutable = COLUMNS.filter((c) => c !== 'id');
  db.prepare(`UPDATE backups SET ${mutable.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`).run(
    toRow(record),
  );
}

export function findBackup(db: Db, id: string): BackupRecord | undefined {
  const row = db.prepare('SELECT * FROM backups WHERE id = ?').get(id) as BackupRow | undefined;
  return row && toRecord(row);
}

export interface BackupFilter {
  projectId: string;
  environmentId?: string;
  appId?: string;
  kinds?: readonly BackupKind[];
  statuses?: readonly BackupStatus[];
  from?: string;
  to?: string;
  /** Keyset cursor: rows strictly older than this (created_at, id). */
  before?: { createdAt: string; id: string };
  limit: number;
}

/** Newest first, by (created_at, id) so the cursor is stable when two backups share a timestamp. */
export function listBackups(db: Db, filter: BackupFilter): BackupRecord[] {
  const rows = db
    .prepare(
      `SELECT * FROM backups WHERE project_id = @projectId
         AND (@environmentId IS NULL OR environment_id = @environmentId)
         AND (@appId IS NULL OR app_id = @appId)
         AND (@kinds IS NULL OR kind IN (SELECT value FROM json_each(@kinds)))
         AND (@statuses IS NULL OR status IN (SELECT value FROM json_each(@statuses)))
         AND (@from IS NULL OR created_at >= @from)
         AND (@to IS NULL OR created_at < @to)
         AND (@beforeAt IS NULL OR created_at < @beforeAt OR (created_at = @beforeAt AND id < @beforeId))
       ORDER BY created_at DESC, id DESC LIMIT @limit`,
    )
    .all({
      projectId: filter.projectId,
      environmentId: filter.environmentId ?? null,
      appId: filter.appId ?? null,
      kinds: filter.kinds?.length ? JSON.stringify(filter.kinds) : null,
      statuses: filter.statuses?.length ? JSON.stringify(filter.statuses) : null,
      from: filter.from ?? null,
      to: filter.to ?? null,
      beforeAt: filter.before?.createdAt ?? null,
      beforeId: filter.before?.id ?? null,
      limit: filter.limit,
    }) as BackupRow[];
  return rows.map(toRecord);
}

/** Backups left `running` by an agent that stopped mid-way. */
export function listRunningBackups(db: Db): BackupRecord[] {
  return (db.prepare("SELECT * FROM backups WHERE status = 'running'").all() as BackupRow[]).map(toRecord);
}

/** The bytes a project's stored backups take (those that succeeded and are not deleted). */
export function projectBackupBytes(db: Db, projectId: string): number {
  const row = db
    .prepare(
      "SELECT COALESCE(SUM(size_bytes), 0) AS bytes FROM backups WHERE project_id = ? AND status = 'succeeded'",
    )
    .get(projectId) as { bytes: number };
  return row.bytes;
}

/** What one project's kept backups take in one storage. */
export interface StorageUsageRow {
  storageId: string;
  projectId: string;
  backupCount: number;
  usedBytes: number;
}

/** Per storage and project: the running and kept backups, and the bytes of their archives (running: 0). */
export function backupUsageByStorage(db: Db): StorageUsageRow[] {
  return db
    .prepare(
      `SELECT storage_id AS storageId, project_id AS projectId, COUNT(*) AS backupCount,
              COALESCE(SUM(size_bytes), 0) AS usedBytes
         FROM backups WHERE status IN ('running', 'succeeded') GROUP BY storage_id, project_id`,
    )
    .all() as StorageUsageRow[];
}

/** The backups a project keeps now: those that succeeded and are not deleted (its plan's retention caps them). */
export function countKeptBackups(db: Db, projectId: string): number {
  const row = db
    .prepare("SELECT COUNT(*) AS n FROM backups WHERE project_id = ? AND status = 'succeeded'")
    .get(projectId) as { n: number };
  return row.n;
}

export function countBackupsInStorage(db: Db, storageId: string): number {
  const row = db
    .prepare("SELECT COUNT(*) AS n FROM backups WHERE storage_id = ? AND status <> 'deleted'")
    .get(storageId) as { n: number };
  return row.n;
}
