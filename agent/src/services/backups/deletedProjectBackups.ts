import type { ParamsOf, ResultOf, ListDeletedProjectBackups } from '@paas/protocol';
import { listBackups } from '../../store/backups';
import { listDeletedProjectsWithBackups } from '../../store/deletedProjects';
import type { BackupService } from './backupService';

/** At most this many backups per deleted project in one answer (its final ones come first: newest). */
const BACKUPS_PER_PROJECT = 500;

/**
 * The organization's catalog of deleted projects' backups. Nothing expires them: like the project's other
 * data they were kept on purpose, so they stay until an organization Admin deletes them.
 */
export function listDeletedProjectBackups(
  backups: BackupService,
  params: ParamsOf<typeof ListDeletedProjectBackups>,
): ResultOf<typeof ListDeletedProjectBackups> {
  const db = backups.deps.db;
  return {
    projects: listDeletedProjectsWithBackups(db, params.organizationId).map((project) => ({
      projectId: project.id,
      name: project.name,
      code: project.code,
      deletedAt: project.deletedAt,
      backups: listBackups(db, {
        projectId: project.id,
        statuses: ['succeeded'],
        limit: BACKUPS_PER_PROJECT,
      }).map((record) => backups.view(record)),
    })),
  };
}
