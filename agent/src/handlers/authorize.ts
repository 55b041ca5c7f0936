import { ErrorCode, RpcError, can, minimumRole, type Action, type EnvironmentType } from '@paas/protocol';
import type { AccessScope, Resolution } from '../services/access';
import type { RequestContext } from './handler';

/** What authorization reads of a request: who asks, the resolver, and where the audit entry is filed. */
export type AuthorizationContext = Pick<RequestContext, 'caller' | 'access' | 'audit'>;

/** Authorization for requests any authenticated caller may make. */
export function anyCaller(): void {}

/**
 * Where an action is taken: the project it touches (or the organization, for organization-wide actions)
 * and, for environment-scoped actions, the environment type.
 */
export interface ActionScope extends AccessScope {
  readonly environmentType?: EnvironmentType;
}

function noAccess(scope: ActionScope, resolution: Resolution): RpcError {
  if (scope.projectId !== undefined) {
    return new RpcError(ErrorCode.NotFound, `project ${scope.projectId} not found`, {
      kind: 'project',
      id: scope.projectId,
    });
  }
  if (resolution.organizationId === undefined) {
    return new RpcError(ErrorCode.NotFound, 'you belong to no organization', { kind: 'organization' });
  }
  return new RpcError(ErrorCode.NotFound, `organization ${resolution.organizationId} not found`, {
    kind: 'organization',
    id: resolution.organizationId,
  });
}

/**
 * Throws unless the caller's effective role in the scope allows `action`, and returns what the resolver
 * found (the role and the organization). A caller with no access at all gets NotFound, so probing ids
 * does not reveal which projects exist. The scope is noted for the request's audit entry either way.
 */
export function requireAction(
  context: AuthorizationContext,
  action: Action,
  scope: ActionScope = {},
): Resolution & { role: NonNullable<Resolution['role']> } {
  const resolution = context.access.resolve(context.caller, scope);
  context.audit.organizationId ??= resolution.organizationId;
  context.audit.projectId ??= resolution.projectId;
  const { role } = resolution;
  if (role === undefined) throw noAccess(scope, resolution);
  const { environmentType } = scope;
  if (can(role, action, environmentType)) return { ...resolution, role };
  const required = minimumRole(action, environmentType);
  const where = environmentType ? ` in ${environmentType}` : '';
  throw new RpcError(
    ErrorCode.Forbidden,
    `${action}${where} needs the ${required} role or higher; you are ${role}`,
    { action, environmentType, role, required },
  );
}

/** {@link requireAction} for an organization-wide action; the organization defaults to the caller's only one. */
export function requireInOrganization(
  context: AuthorizationContext,
  action: Action,
  organizationId: string | undefined,
): { organizationId: string; role: NonNullable<Resolution['role']> } {
  const resolution = requireAction(context, action, { organizationId });
  // A role is only ever found inside an organization, so one is known here.
  return { organizationId: resolution.organizationId!, role: resolution.role };
}

/**
 * Throws unless the caller is an agent administrator. Agent-wide resources (database servers, storages,
 * the engine) belong to no organization, so no organization role reaches them.
 */
export function requireAgentAdmin(context: AuthorizationContext, what: string): void {
  if (context.access.isAgentAdmin(context.caller)) return;
  throw new RpcError(ErrorCode.Forbidden, `${what} needs an agent administrator`, {
    reason: 'agentAdministrator',
  });
}

/** Whether the caller may see a project at all (any role there): what filters agent-wide listings. */
export function seesProject(context: AuthorizationContext, projectId: string): boolean {
  return context.access.resolve(context.caller, { projectId }).role !== undefined;
}
