/**
 * Stable codes of backup, restore and storage failures. They reach clients in error data, job errors and
 * the catalog's `error` column, so a code never changes meaning once released.
 */
export type BackupErrorCode =
  /** An archive entry is absolute, climbs out with `..`, or is a link, device or FIFO. */
  | 'ARCHIVE_UNSAFE_ENTRY'
  /** An archive entry is not part of the format (our tar: manifest, dump, filestore). */
  | 'ARCHIVE_UNKNOWN_ENTRY'
  /** The archive cannot be read: truncated, bad header checksum, duplicate entry, bad manifest. */
  | 'ARCHIVE_CORRUPT'
  /** A part's SHA-256, size or file count differs from the manifest or the catalog. */
  | 'ARCHIVE_CHECKSUM_MISMATCH'
  /** `pg_dump` failed or the database server went away during the dump. */
  | 'PG_DUMP_FAILED'
  /** `pg_restore` or `psql` failed to load the dump. */
  | 'PG_RESTORE_FAILED'
  /** The database server does not answer or refused the credentials. */
  | 'PG_UNAVAILABLE'
  /** Any other PostgreSQL failure (create, drop, rename, neutralize). */
  | 'PG_FAILED'
  /** A filestore file changed size while it was being archived. */
  | 'FILESTORE_CHANGED'
  /** The storage cannot be reached, refused the credentials or failed an operation. */
  | 'STORAGE_UNAVAILABLE'
  /** The storage (or the agent's spool directory) ran out of space. */
  | 'STORAGE_FULL'
  /** The object is not in the storage. */
  | 'STORAGE_NOT_FOUND'
  /** The file is not an Odoo database-manager zip (no `dump.sql`, unreadable zip). */
  | 'ZIP_INVALID'
  /** The operation was canceled through its AbortSignal. */
  | 'ABORTED';

/** A backup-domain failure with a stable code; the original error, if any, is the `cause`. */
export class BackupError extends Error {
  override readonly name = 'BackupError';

  constructor(
    readonly code: BackupErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isBackupError(error: unknown, code?: BackupErrorCode): error is BackupError {
  return error instanceof BackupError && (code === undefined || error.code === code);
}

/** Throws `ABORTED` when the signal fired; long operations call it between their parts. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted)
    throw new BackupError('ABORTED', 'the operation was canceled', { cause: signal.reason });
}

/** Turns a file-system error into `STORAGE_FULL` when the disk is full, else into `fallback`. */
export function fromFsError(error: unknown, fallback: BackupErrorCode, what: string): BackupError {
  if (error instanceof BackupError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT')
    return new BackupError('STORAGE_FULL', `${what}: no space left`, { cause: error });
  if (code === 'ABORT_ERR') return new BackupError('ABORTED', 'the operation was canceled', { cause: error });
  const detail = error instanceof Error ? error.message : String(error);
  return new BackupError(fallback, `${what}: ${detail}`, { cause: error });
}
