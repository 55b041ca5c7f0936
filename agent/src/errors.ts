import { ErrorCode, RpcError } from '@paas/protocol';

/** NotFound for a target that does not exist (or that the caller may not see: the same answer). */
export function notFound(kind: string, id: string): RpcError {
  return new RpcError(ErrorCode.NotFound, `${kind} ${id} not found`, { kind, id });
}

/** Conflict: the request contradicts the current state. */
export function conflict(message: string, data?: Record<string, unknown>): RpcError {
  return new RpcError(ErrorCode.Conflict, message, data);
}

/** InvalidParams for a value the schema accepts but the agent cannot use, naming the field. */
export function invalidField(path: (string | number)[], message: string): RpcError {
  return new RpcError(ErrorCode.InvalidParams, `${path.join('.')}: ${message}`, {
    issues: [{ path, message }],
  });
}
