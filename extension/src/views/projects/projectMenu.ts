import type { Action, Permissions } from '@paas/protocol';
import type { Session } from '../../client/session';

/** What decides whether a menu entry shows: the agent's handshake and the caller's project permissions. */
export interface MenuContext {
  /** The agent's `initialize` answer (capabilities such as `runners`); `undefined` while not connected. */
  readonly session: Session | undefined;
  readonly permissions: Permissions | undefined;
}

/** One screen of a project, as the seeds' project sidebar lists it. */
export interface ProjectMenuEntry {
  /** Stable within a project: tree item ids and tests use it. */
  readonly id: string;
  readonly label: string;
  /** A codicon name. */
  readonly icon: string;
  /** A `paas.project.*` command taking `{ serverId, projectId }`, as the screens' commands do. */
  readonly command: string;
  /** Leave out for "always"; the agent still decides on every action inside the screen. */
  readonly shownWhen?: (context: MenuContext) => boolean;
}

/** Shown when the caller's project role allows `action` (hidden rather than opening onto a refusal). */
export function allows(action: Action): (context: MenuContext) => boolean {
  return ({ permissions }) => permissions?.global.includes(action) ?? false;
}

/**
 * The project menu, in the seeds' order (Overview, Backups, Queue, Workflows, Runners, Databases, Storages,
 * Project Info, Pricing & Plans), then the project's administration screens. The Projects view shows one
 * child node per entry; this list is the only place a screen is added to it.
 */
export const PROJECT_MENU: readonly ProjectMenuEntry[] = [
  { id: 'overview', label: 'Overview', icon: 'dashboard', command: 'paas.project.openDashboard' },
  { id: 'backups', label: 'Backups', icon: 'archive', command: 'paas.project.backups' },
  { id: 'queue', label: 'Queue', icon: 'list-ordered', command: 'paas.project.openQueue' },
  { id: 'workflows', label: 'Workflows', icon: 'history', command: 'paas.project.openWorkflows' },
  {
    id: 'runners',
    label: 'Runners',
    icon: 'play-circle',
    command: 'paas.project.openRunners',
    shownWhen: ({ session }) => session?.runners === true,
  },
  { id: 'databases', label: 'Databases', icon: 'database', command: 'paas.project.openDatabases' },
  { id: 'storages', label: 'Storages', icon: 'server', command: 'paas.project.openStorages' },
  { id: 'info', label: 'Project Info', icon: 'info', command: 'paas.project.showInfo' },
  { id: 'pricing', label: 'Pricing & Plans', icon: 'credit-card', command: 'paas.project.openPricing' },
  {
    id: 'collaborators',
    label: 'Collaborators',
    icon: 'organization',
    command: 'paas.project.collaborators',
  },
  {
    id: 'audit',
    label: 'Audit Logs',
    icon: 'list-unordered',
    command: 'paas.project.auditLog',
    shownWhen: allows('audit.read'),
  },
  { id: 'settings', label: 'Settings', icon: 'settings-gear', command: 'paas.project.settings' },
];

/** The entries shown for a project, in menu order. */
export function visibleEntries(
  context: MenuContext,
  menu: readonly ProjectMenuEntry[] = PROJECT_MENU,
): ProjectMenuEntry[] {
  return menu.filter((entry) => entry.shownWhen?.(context) ?? true);
}
