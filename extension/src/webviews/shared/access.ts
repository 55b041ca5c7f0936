import {
  ACTIONS,
  ENVIRONMENT_TYPES,
  isEnvironmentScoped,
  minimumRole,
  type Action,
  type EnvironmentType,
  type Permissions,
} from '@paas/protocol';
import type { AccessView, Gate, GateScope } from '../messages/access';

function gateOf(permissions: Permissions, action: Action, environmentType?: EnvironmentType): Gate {
  // Outside an environment, an environment-scoped action is judged by its strictest environment.
  const granted = isEnvironmentScoped(action)
    ? (permissions.byEnvironmentType[environmentType ?? 'production'] ?? [])
    : permissions.global;
  return { allowed: granted.includes(action), minimumRole: minimumRole(action, environmentType) };
}

function gatesFor(permissions: Permissions, environmentType?: EnvironmentType): Record<Action, Gate> {
  return Object.fromEntries(ACTIONS.map((a) => [a, gateOf(permissions, a, environmentType)])) as Record<
    Action,
    Gate
  >;
}

/** Maps the agent's `Permissions` (from `initialize`) to what webviews need to grey out buttons. */
export function accessViewOf(permissions: Permissions): AccessView {
  const gates = { project: gatesFor(permissions) } as Record<GateScope, Record<Action, Gate>>;
  for (const type of ENVIRONMENT_TYPES) gates[type] = gatesFor(permissions, type);
  return { role: permissions.role, gates };
}
