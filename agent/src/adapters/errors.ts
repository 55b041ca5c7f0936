/**
 * Stable codes of adapter failures: git, Docker, PostgreSQL, backup archives and storages. They reach
 * clients in error data, job errors and the backup catalog's `error` column, so a code never changes
 * meaning once released.
 */
export type AdapterErrorCode =
  /** A branch name git refuses (`git check-ref-format --branch`). */
  | 'GIT_BAD_REF'
  /** The repository has no such branch. */
  | 'GIT_REF_NOT_FOUND'
  /** The repository could not be reached. */
  | 'GIT_UNREACHABLE'
  /** The repository refused the stored credentials (or asked for some it was not given). */
  | 'GIT_AUTH'
  /** Any other git failure. */
  | 'GIT_FAILED'
  /** The image is not on this machine and could not be pulled. */
  | 'DOCKER_IMAGE_MISSING'
  /** The host port is taken by another process or container. */
  | 'DOCKER_PORT_IN_USE'
  /** A port the agent itself listens on (an app's proxy) is taken. */
  | 'PORT_IN_USE'
  /** The Docker engine does not answer. */
  | 'DOCKER_UNAVAILABLE'
  /** No such container. */
  | 'DOCKER_NOT_FOUND'
  /** Any other Docker failure. */
  | 'DOCKER_FAILED'
  /** The PostgreSQL server does not answer. */
  | 'PG_UNAVAILABLE'
  /** The PostgreSQL server refused the admin credentials. */
  | 'PG_AUTH_FAILED'
  /** A database or role of that name exists already. */
  | 'PG_EXISTS'
  /** No such database. */
  | 'PG_NOT_FOUND'
  /** Any other PostgreSQL failure (create, drop, rename, neutralize). */
  | 'PG_FAILED'
  /** `pg_dump` failed or the database server went away during the dump. */
  | 'PG_DUMP_FAILED'
  /** `pg_restore` or `psql` failed to load a dump. */
  | 'PG_RESTORE_FAILED'
  /** An archive entry is absolute, climbs out with `..`, or is a link, device or FIFO. */
  | 'ARCHIVE_UNSAFE_ENTRY'
  /** An archive entry is not part of the format (our tar: manifest, dump, filestore). */
  | 'ARCHIVE_UNKNOWN_ENTRY'
  /** The archive cannot be read: truncated, bad header checksum, duplicate entry, bad manifest. */
  | 'ARCHIVE_CORRUPT'
  /** A part's SHA-256, size or file count differs from the manifest or the catalog. */
  | 'ARCHIVE_CHECKSUM_MISMATCH'
  /** A filestore file changed size while it was being archived. */
  | 'FILESTORE_CHANGED'
  /** The storage cannot be reached, refused the credentials or failed an operation. */
  | 'STORAGE_UNAVAILABLE'
  /** The storage (or the agent's own disk) ran out of space. */
  | 'STORAGE_FULL'
  /** The object is not in the storage. */
  | 'STORAGE_NOT_FOUND'
  /** The file is not an Odoo database-manager zip (no `dump.sql`, unreadable zip). */
  | 'ZIP_INVALID'
  /** The zip expands past the agent's `importMaxExpandedBytes` or `importMaxExpansionRatio` (a zip bomb). */
  | 'ZIP_TOO_LARGE'
  /** `ansible-playbook` could not be started (not installed, not executable). */
  | 'ANSIBLE_FAILED'
  /** The operation was aborted through its AbortSignal. */
  | 'ABORTED';

/** A library failure turned into a stable code; the original error is the `cause`. */
export class AdapterError extends Error {
  override readonly name = 'AdapterError';

  constructor(
    readonly code: AdapterErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Throws `ABORTED` when the signal fired; adapters call it between the parts of a long operation. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted)
    throw new AdapterError('ABORTED', 'the operation was canceled', { cause: signal.reason });
}

export function isAdapterError(error: unknown, code?: AdapterErrorCode): error is AdapterError {
  return error instanceof AdapterError && (code === undefined || error.code === code);
}

/** Turns a file-system error into `STORAGE_FULL` when the disk is full, else into `fallback`. */
export function fromFsError(error: unknown, fallback: AdapterErrorCode, what: string): AdapterError {
  if (error instanceof AdapterError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT')
    return new AdapterError('STORAGE_FULL', `${what}: no space left`, { cause: error });
  if (code === 'ABORT_ERR')
    return new AdapterError('ABORTED', 'the operation was canceled', { cause: error });
  const detail = error instanceof Error ? error.message : String(error);
  return new AdapterError(fallback, `${what}: ${detail}`, { cause: error });
}
