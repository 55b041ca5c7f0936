import type { Role } from '@paas/protocol';

/** How roles read in the UI. */
export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  owner: 'Owner',
  admin: 'Admin',
  developerPlus: 'Developer Plus',
  developer: 'Developer',
  viewer: 'Viewer',
};

/** Highest first, as the protocol's ROLES (not imported: it would pull zod into the bundle). */
export const ROLE_ORDER: readonly Role[] = ['owner', 'admin', 'developerPlus', 'developer', 'viewer'];

/** Whether `role` is above `other` in the hierarchy. */
export function outranks(role: Role, other: Role): boolean {
  return ROLE_ORDER.indexOf(role) < ROLE_ORDER.indexOf(other);
}

/** Role choices for a caller: roles above their own are disabled (the hierarchy rule). */
export function roleChoices(caller: Role): { value: string; label: string; disabled: boolean }[] {
  return ROLE_ORDER.map((r) => ({
    value: r,
    label: outranks(r, caller) ? `${ROLE_LABELS[r]} (above your role)` : ROLE_LABELS[r],
    disabled: outranks(r, caller),
  }));
}
