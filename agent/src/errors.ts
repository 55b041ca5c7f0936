import { ErrorCode, RpcError, hierarchyAllows, type Role } from '@paas/protocol';

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

/**
 * Forbidden by the hierarchy rule: nobody grants a role above their own, nor changes or removes someone
 * whose role is above theirs.
 */
export function hierarchyViolation(
  actorRole: Role,
  change: { from?: Role; to?: Role },
  what: string,
): RpcError {
  return new RpcError(ErrorCode.Forbidden, `${what}: your role (${actorRole}) is below the role involved`, {
    reason: 'hierarchy',
    role: actorRole,
    ...change,
  });
}

/** Throws the hierarchy error unless `actorRole` may make the change. */
export function assertHierarchy(actorRole: Role, change: { from?: Role; to?: Role }, what: string): void {
  if (!hierarchyAllows(actorRole, change)) throw hierarchyViolation(actorRole, change, what);
}
