import { z } from 'zod';
import { IdSchema } from './common';
import { defineRequest } from './define';

/** Roles, highest first. A role includes every permission of the roles below it. */
export const ROLES = ['owner', 'admin', 'developerPlus', 'developer', 'viewer'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

/** Environment types, in the order the dashboard shows them. */
export const ENVIRONMENT_TYPES = ['production', 'staging', 'development'] as const;
export const EnvironmentTypeSchema = z.enum(ENVIRONMENT_TYPES);
export type EnvironmentType = z.infer<typeof EnvironmentTypeSchema>;

/** How many steps up the hierarchy a role stands; higher is more powerful. */
export function roleRank(role: Role): number {
  return ROLES.length - ROLES.indexOf(role);
}

/** Whether `role` is at least `minimum`. */
export function isAtLeast(role: Role, minimum: Role): boolean {
  return roleRank(role) >= roleRank(minimum);
}

/**
 * Actions a caller may take, as in the seeds' access tables. Environment-scoped actions depend on the
 * environment type; the others do not.
 */
export const ACTIONS = [
  'app.open',
  'app.refresh',
  'app.showDisabled',
  'app.viewLogs',
  'app.create',
  'app.deploy',
  'app.update',
  'app.backup',
  'app.retry',
  'app.operate',
  'environment.automate',
  'environment.addons',
  'app.destroy',
  'environment.destroy',
  'backup.restore',
  'backup.delete',
  'project.create',
  'project.settings',
  'project.delete',
  'members.manage',
  'teams.manage',
  'plan.manage',
  'audit.read',
  'servers.manage',
  'organization.read',
  'project.read',
  'collaborators.manage',
  'runner.read',
  'runner.run',
  'deletedProject.backups',
] as const;
export const ActionSchema = z.enum(ACTIONS);
export type Action = z.infer<typeof ActionSchema>;

type MinimumRole = Role | { readonly [T in EnvironmentType]: Role };

/** Developer and up on Development and Staging, Developer Plus and up on Production. */
const byEnvironment: MinimumRole = {
  production: 'developerPlus',
  staging: 'developer',
  development: 'developer',
};

/** The one access table: the lowest role allowed to take each action. */
export const ACCESS_TABLE: { readonly [A in Action]: MinimumRole } = {
  'app.open': 'viewer',
  'app.refresh': 'viewer',
  'app.showDisabled': 'viewer',
  'app.viewLogs': 'viewer',
  'app.create': byEnvironment,
  'app.deploy': byEnvironment,
  'app.update': byEnvironment,
  'app.backup': byEnvironment,
  'app.retry': byEnvironment,
  'app.operate': byEnvironment,
  'environment.automate': byEnvironment,
  'environment.addons': 'developer',
  'app.destroy': 'admin',
  'environment.destroy': 'admin',
  'backup.restore': byEnvironment,
  'backup.delete': 'admin',
  'project.create': 'admin',
  'project.settings': 'admin',
  'project.delete': 'admin',
  'members.manage': 'admin',
  'teams.manage': 'admin',
  'plan.manage': 'admin',
  'audit.read': 'admin',
  'servers.manage': 'admin',
  'organization.read': 'viewer',
  'project.read': 'viewer',
  'collaborators.manage': 'admin',
  'runner.read': 'viewer',
  // Running a playbook acts on the environment's apps like a deploy does.
  'runner.run': byEnvironment,
  // The final backups of a deleted project: no project role is left, so the organization's Admins.
  'deletedProject.backups': 'admin',
};

/** The lowest role allowed to take `action` (in an environment of `environmentType`, where that matters). */
export function minimumRole(action: Action, environmentType?: EnvironmentType): Role {
  const entry = ACCESS_TABLE[action];
  if (typeof entry === 'string') return entry;
  // Without an environment the strictest environment applies, so a missing type never widens access.
  return environmentType ? entry[environmentType] : entry.production;
}

/** Whether `role` may take `action` (in an environment of `environmentType`, where that matters). */
export function can(role: Role, action: Action, environmentType?: EnvironmentType): boolean {
  return isAtLeast(role, minimumRole(action, environmentType));
}

/** Whether the action's minimum role depends on the environment type. */
export function isEnvironmentScoped(action: Action): boolean {
  return typeof ACCESS_TABLE[action] !== 'string';
}

/** A caller's effective permissions: global actions, and environment-scoped ones per environment type. */
export const PermissionsSchema = z.object({
  role: RoleSchema.describe('The caller\u2019s effective role there.'),
  global: z.array(ActionSchema).describe('The actions the role allows that do not depend on an environment.'),
  byEnvironmentType: z
    .record(EnvironmentTypeSchema, z.array(ActionSchema))
    .describe('Per environment type, the environment-scoped actions the role allows there.'),
});
export type Permissions = z.infer<typeof PermissionsSchema>;

/** Computes the permissions a role grants, for clients to grey out what is not allowed. */
export function permissionsOf(role: Role): Permissions {
  const global = ACTIONS.filter((a) => !isEnvironmentScoped(a) && can(role, a));
  const byEnvironmentType = Object.fromEntries(
    ENVIRONMENT_TYPES.map((t) => [t, ACTIONS.filter((a) => isEnvironmentScoped(a) && can(role, a, t))]),
  ) as Permissions['byEnvironmentType'];
  return { role, global, byEnvironmentType };
}

/**
 * The hierarchy rule: nobody grants a role above their own, nor changes or removes someone whose role is
 * above theirs. `from` is the role being changed or removed, `to` the role being granted.
 */
export function hierarchyAllows(actor: Role, change: { from?: Role; to?: Role }): boolean {
  if (change.from !== undefined && !isAtLeast(actor, change.from)) return false;
  return change.to === undefined || isAtLeast(actor, change.to);
}

/** The highest of some roles, or `undefined` when there are none. */
export function highestRole(roles: Iterable<Role>): Role | undefined {
  let best: Role | undefined;
  for (const role of roles) if (best === undefined || roleRank(role) > roleRank(best)) best = role;
  return best;
}

/**
 * The caller's effective permissions in an organization or a project, so clients can grey out what is
 * not allowed. The agent enforces the same table whatever a client shows.
 */
export const GetPermissions = defineRequest({
  method: 'access/permissions',
  kind: 'query',
  doc: 'Returns the caller\u2019s effective role and allowed actions in a project or an organization.',
  params: z.object({
    projectId: IdSchema.optional().describe(
      'The project to ask about; its collaborator grants and the organization role both count.',
    ),
    organizationId: IdSchema.optional().describe(
      "The organization to ask about when no project is given; defaults to the caller's only one.",
    ),
  }),
  result: z.object({
    permissions: PermissionsSchema.describe(
      'The caller\u2019s role and what it allows, for greying out the rest.',
    ),
  }),
});
