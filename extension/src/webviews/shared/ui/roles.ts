import type { Role } from '@paas/protocol';

/** How roles read in the UI. */
export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  owner: 'Owner',
  admin: 'Admin',
  developerPlus: 'Developer Plus',
  developer: 'Developer',
  viewer: 'Viewer',
};
