import { ErrorCode, RpcError, can, minimumRole, type Action, type EnvironmentType } from '@paas/protocol';
import type { AccessScope } from '../services/access';
import type { RequestContext } from './handler';

/** Authorization for requests any authenticated caller may make. */
export function anyCaller(): void {}

/** Where an action is taken: the project it touches and, for environment-scoped actions, the environment type. */
export interface ActionScope extends AccessScope {
  readonly environmentType?: EnvironmentType;
}

/**
 * Throws unless the caller's effective role in the scope allows `action`. A caller with no access to the
 * project at all gets NotFound, so probing ids does not reveal which projects exist.
 */
export function requireAction(context: RequestContext, action: Action, scope: ActionScope = {}): void {
  const role = context.access.roleIn(context.caller, scope);
  if (role === undefined) {
    throw new RpcError(ErrorCode.NotFound, `project ${scope.projectId ?? ''} not found`.trim(), {
      kind: 'project',
    });
  }
  const { environmentType } = scope;
  if (can(role, action, environmentType)) return;
  const required = minimumRole(action, environmentType);
  const where = environmentType ? ` in ${environmentType}` : '';
  throw new RpcError(
    ErrorCode.Forbidden,
    `${action}${where} needs the ${required} role or higher; you are ${role}`,
    {
      action,
      environmentType,
      role,
      required,
    },
  );
}
