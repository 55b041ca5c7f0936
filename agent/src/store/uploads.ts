import type { Db } from './database';

/** A file received on `PUT /uploads`, kept until an import uses it or it expires. */
export interface UploadRecord {
  id: string;
  appId: string;
  /** The uploader: only they may import it. */
  userId: string;
  sizeBytes: number;
  sha256: string;
  createdAt: string;
  expiresAt: string;
}

interface UploadRow {
  id: string;
  app_id: string;
  user_id: string;
  size_bytes: number;
  sha256: string;
  created_at: string;
  expires_at: string;
}

function toRecord(row: UploadRow): UploadRecord {
  return {
    id: row.id,
    appId: row.app_id,
    userId: row.user_id,
    sizeBytes: row.size_bytes,
    sha256: row.sha256,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}

export function insertUpload(db: Db, record: UploadRecord): void {
  db.prepare(
    `INSERT INTO uploads (id, app_id, user_id, size_bytes, sha256, created_at, expires_at)
     VALUES (@id, @appId, @userId, @sizeBytes, @sha256, @createdAt, @expiresAt)`,
  ).run(record);
}

export function findUpload(db: Db, id: string): UploadRecord | undefined {
  const row = db.prepare('SELECT * FROM uploads WHERE id = ?').get(id) as UploadRow | undefined;
  return row && toRecord(row);
}

export function deleteUpload(db: Db, id: string): void {
  db.prepare('DELETE FROM uploads WHERE id = ?').run(id);
}

/** Uploads whose time ran out before `now`. */
export function listExpiredUploads(db: Db, now: string): UploadRecord[] {
  return (db.prepare('SELECT * FROM uploads WHERE expires_at < ?').all(now) as UploadRow[]).map(toRecord);
}
