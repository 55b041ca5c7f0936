import { ErrorCode, RpcError, can, minimumRole, type Action, type EnvironmentType } from '@paas/protocol';
import type { RequestContext } from './handler';

/** Authorization for requests any authenticated caller may make. */
export function anyCaller(): void {}

/** Throws Forbidden unless the caller's role allows `action` (in an environment of `environmentType`). */
export function requireAction(
  context: RequestContext,
  action: Action,
  environmentType?: EnvironmentType,
): void {
  const { role } = context.caller;
  if (can(role, action, environmentType)) return;
  const where = environmentType ? ` in ${environmentType}` : '';
  throw new RpcError(
    ErrorCode.Forbidden,
    `${action}${where} needs the ${minimumRole(action, environmentType)} role or higher; you are ${role}`,
    { action, environmentType, role, required: minimumRole(action, environmentType) },
  );
}
