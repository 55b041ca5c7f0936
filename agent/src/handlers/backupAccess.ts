import type { Action } from '@paas/protocol';
import { notFound } from '../errors';
import type { BackupRecord } from '../store/backups';
import type { Db } from '../store/database';
import { findDeletedProject } from '../store/deletedProjects';
import { findProject } from '../store/projects';
import { requireAction, type AuthorizationContext } from './authorize';

/**
 * Authorizes `action` on a backup. While its project exists, the project's roles decide, in the backup's
 * environment. Once the project is deleted its final backups stay in the organization's catalog, and no
 * project role is left: the organization's Admins (`deletedProject.backups`) may reach them.
 */
export function requireBackupAction(
  context: AuthorizationContext,
  db: Db,
  backup: BackupRecord,
  action: Action,
): void {
  if (findProject(db, backup.projectId)) {
    requireAction(context, action, { projectId: backup.projectId, environmentType: backup.environmentType });
    return;
  }
  const deleted = findDeletedProject(db, backup.projectId);
  if (!deleted) throw notFound('project', backup.projectId);
  requireAction(context, 'deletedProject.backups', { organizationId: deleted.organizationId });
}
