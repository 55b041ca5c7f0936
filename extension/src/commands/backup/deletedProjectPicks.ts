import type { Backup, ListDeletedProjectBackups, ResultOf } from '@paas/protocol';
import { formatBytes } from '../../views/format';

export type DeletedProjects = ResultOf<typeof ListDeletedProjectBackups>['projects'];

/** One row of the picker: a deleted project's heading, or one of its backups. */
export type DeletedProjectPick =
  | { readonly kind: 'project'; readonly label: string }
  | {
      readonly kind: 'backup';
      readonly label: string;
      readonly description: string;
      readonly detail: string;
      readonly backup: Backup;
    };

/** `2026-12-03 09:30 UTC`: the catalog's times are UTC, and a backup list reads best by minute. */
function minuteOf(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * The picker rows for `backups/listDeletedProjects`: each deleted project (as the agent orders them,
 * newest deletion first) heads its backups, newest first, so a user finds the final (`preDestroy`) ones
 * at the top of their project.
 */
export function deletedProjectPicks(projects: DeletedProjects): DeletedProjectPick[] {
  return projects.flatMap((project) => [
    {
      kind: 'project' as const,
      label: `${project.name} (${project.code}) — deleted ${minuteOf(project.deletedAt)}`,
    },
    ...project.backups.map((backup) => ({
      kind: 'backup' as const,
      label: `${backup.appName} · ${backup.kind}`,
      description: `${minuteOf(backup.createdAt)}${backup.sizeBytes === null ? '' : ` · ${formatBytes(backup.sizeBytes)}`}`,
      detail: [
        backup.environmentType,
        backup.odooVersion && `Odoo ${backup.odooVersion}`,
        `backup ${backup.id}`,
      ]
        .filter(Boolean)
        .join(' · '),
      backup,
    })),
  ]);
}
