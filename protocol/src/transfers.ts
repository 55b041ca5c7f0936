import { z } from 'zod';
import { ErrorCode } from './messages';
import { IdSchema, TimestampSchema } from './common';

/*
 * Large bodies (backup archives, uploaded database zips) do not fit JSON-RPC frames, which the agent caps
 * at `maxPayloadBytes`. They travel as plain HTTP(S) on the agent's own port, beside the WebSocket: the
 * same `Authorization: Bearer <token>`, the same pinned certificate, the same access table and audit log.
 * What an upload carries is then named in an ordinary request (`backups/import` takes its id).
 */

/**
 * What a backup is downloaded as. `zip`: Odoo's database-manager format (`dump.sql`, `filestore/`,
 * `manifest.json`, as odoo/service/db.py `dump_db` writes it), restorable on any Odoo server or Odoo.sh.
 * `tar`: the archive exactly as stored (`dump.pgdump` in PostgreSQL's custom format, `filestore/`,
 * `manifest.json` with checksums).
 */
export const BackupArchiveFormatSchema = z.enum(['zip', 'tar']);
export type BackupArchiveFormat = z.infer<typeof BackupArchiveFormatSchema>;

const DOWNLOAD_PATH = /^\/backups\/([A-Za-z0-9_-]{1,64})\/download$/;

/** `GET` this path for a backup's archive; the caller needs `backup.restore` in the backup's environment. */
export function backupDownloadPath(backupId: string, format: BackupArchiveFormat): string {
  return `/backups/${encodeURIComponent(backupId)}/download?format=${format}`;
}

/** The backup id of a download path (without its query), or `undefined` when it is not one. */
export function parseBackupDownloadPath(path: string): string | undefined {
  return DOWNLOAD_PATH.exec(path)?.[1];
}

/**
 * `PUT /uploads?appId=<id>` with the file as the body (`Content-Length` required) stores it for the app's
 * project; the caller needs `app.backup` in the app's environment. The agent answers `201` with an
 * {@link UploadAnswerSchema} body. An upload is used once (`backups/import`) and expires unused.
 */
export const UPLOADS_PATH = '/uploads';

/** A stored upload. */
export const UploadSchema = z.object({
  id: IdSchema.describe('Its id, issued by the agent.'),
  appId: IdSchema.describe('The app it was uploaded for: an import makes a backup of this app.'),
  sizeBytes: z.number().int().nonnegative(),
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .describe('SHA-256 of the body as received.'),
  createdAt: TimestampSchema.describe('When it was created (ISO 8601 UTC).'),
  expiresAt: TimestampSchema.describe(
    'After this time the upload can no longer be imported; its file goes at the next upload or agent start.',
  ),
});
export type Upload = z.infer<typeof UploadSchema>;

export const UploadAnswerSchema = z.object({ upload: UploadSchema });

/** The body of every non-2xx answer of a transfer route. */
export const TransferErrorSchema = z.object({
  error: z.object({
    code: z.number().int().describe('The same codes as JSON-RPC errors (`ErrorCode`).'),
    message: z.string().describe('What went wrong, for a person.'),
  }),
});
export type TransferError = z.infer<typeof TransferErrorSchema>;

/** The HTTP status a transfer route answers an error code with. */
export function httpStatusOf(code: number): number {
  switch (code) {
    case ErrorCode.InvalidParams:
      return 400;
    case ErrorCode.Unauthorized:
      return 401;
    case ErrorCode.Forbidden:
      return 403;
    case ErrorCode.NotFound:
      return 404;
    case ErrorCode.Conflict:
      return 409;
    case ErrorCode.LimitExceeded:
      return 413;
    case ErrorCode.RateLimited:
      return 429;
    case ErrorCode.Unavailable:
      return 503;
    default:
      return 500;
  }
}
