import type { Action } from '@paas/protocol';
import type { AccessView, Gate, GateScope } from '../../messages/access';
import { ROLE_LABELS } from './roles';

const DENIED: Gate = { allowed: false, minimumRole: 'owner' };

/** The caller's gate for `action` in `scope`; unknown actions are denied. */
export function gate(access: AccessView, action: Action, scope: GateScope = 'project'): Gate {
  return access.gates[scope]?.[action] ?? DENIED;
}

/** The tooltip of a control: its label, or why it is disabled. */
export function gateTitle(g: Gate, label: string, role: AccessView['role']): string {
  if (g.allowed) return label;
  return `${label}: requires the ${ROLE_LABELS[g.minimumRole]} role or higher (you are ${ROLE_LABELS[role]})`;
}
