/**
 * Stable codes of adapter failures. They reach clients in error data and job errors, so a code never
 * changes meaning once released.
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
  /** Any other PostgreSQL failure. */
  | 'PG_FAILED'
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
