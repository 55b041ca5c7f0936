import { ErrorCode, RpcError } from '@paas/protocol';
import { AdapterError, type AdapterErrorCode } from '../adapters/errors';

const RPC_CODES: Readonly<Record<AdapterErrorCode, ErrorCode>> = {
  GIT_BAD_REF: ErrorCode.InvalidParams,
  GIT_REF_NOT_FOUND: ErrorCode.NotFound,
  GIT_UNREACHABLE: ErrorCode.Unavailable,
  GIT_AUTH: ErrorCode.Unavailable,
  GIT_FAILED: ErrorCode.InternalError,
  DOCKER_IMAGE_MISSING: ErrorCode.Unavailable,
  DOCKER_PORT_IN_USE: ErrorCode.Conflict,
  PORT_IN_USE: ErrorCode.Conflict,
  DOCKER_UNAVAILABLE: ErrorCode.Unavailable,
  DOCKER_NOT_FOUND: ErrorCode.NotFound,
  DOCKER_FAILED: ErrorCode.InternalError,
  PG_UNAVAILABLE: ErrorCode.Unavailable,
  PG_AUTH_FAILED: ErrorCode.Unavailable,
  PG_EXISTS: ErrorCode.Conflict,
  PG_NOT_FOUND: ErrorCode.NotFound,
  PG_FAILED: ErrorCode.InternalError,
  PG_DUMP_FAILED: ErrorCode.InternalError,
  PG_RESTORE_FAILED: ErrorCode.InternalError,
  ARCHIVE_UNSAFE_ENTRY: ErrorCode.InvalidParams,
  ARCHIVE_UNKNOWN_ENTRY: ErrorCode.InvalidParams,
  ARCHIVE_CORRUPT: ErrorCode.Conflict,
  ARCHIVE_CHECKSUM_MISMATCH: ErrorCode.Conflict,
  FILESTORE_CHANGED: ErrorCode.Conflict,
  STORAGE_UNAVAILABLE: ErrorCode.Unavailable,
  STORAGE_FULL: ErrorCode.Unavailable,
  STORAGE_NOT_FOUND: ErrorCode.NotFound,
  ZIP_INVALID: ErrorCode.InvalidParams,
  ZIP_TOO_LARGE: ErrorCode.InvalidParams,
  ANSIBLE_FAILED: ErrorCode.Unavailable,
  ABORTED: ErrorCode.Canceled,
};

/**
 * An adapter failure as a protocol error: the stable adapter code goes in `data.reason`, so clients can
 * tell "no such branch" from "repository unreachable" without parsing messages. Other errors pass through.
 */
export function toRpcError(error: unknown): unknown {
  if (!(error instanceof AdapterError)) return error;
  return new RpcError(RPC_CODES[error.code], error.message, { reason: error.code }, { cause: error });
}

/** Runs `work`, turning adapter failures into protocol errors. */
export async function asRpc<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toRpcError(error);
  }
}

/** A job error's code and message from whatever failed. */
export function jobErrorOf(error: unknown): { code: string; message: string } {
  if (error instanceof AdapterError) return { code: error.code, message: error.message };
  if (error instanceof JobFailure) return { code: error.code, message: error.message };
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}

/** A job step that failed for a reason of its own (health timeout, module update failure, ...). */
export class JobFailure extends Error {
  override readonly name = 'JobFailure';

  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
