import type { Role } from '@paas/protocol';
import { ROLE_LABELS, ROLE_ORDER, outranks } from './roles';

/** The roles a caller may offer (invite with, or change a member to): their own and below, highest first. */
export function offerableRoles(caller: Role): Role[] {
  return ROLE_ORDER.filter((role) => !outranks(role, caller));
}

/**
 * Why a member's role cannot be changed nor the member removed by this caller, or undefined when both are
 * offered. The hierarchy rule (nobody acts on someone above themselves) and the Owner rule (the last
 * Owner is neither demoted nor removed); the agent decides again on every request.
 */
export function memberLock(
  caller: Role,
  member: { role: Role; name: string },
  ownerCount: number,
): string | undefined {
  if (outranks(member.role, caller)) return `${member.name} has a role above yours (${ROLE_LABELS[caller]})`;
  if (member.role === 'owner' && ownerCount <= 1)
    return `${member.name} is the Owner: make another member Owner first`;
  return undefined;
}
