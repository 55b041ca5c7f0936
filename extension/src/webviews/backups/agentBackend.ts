import { DeleteBackup, GetBackup, GetProject, ListBackups, RestoreBackup } from '@paas/protocol';
import * as vscode from 'vscode';
import { followBackupJob } from '../../commands/app/backupApp';
import { required, type CommandContext } from '../../commands/command';
import { accessViewOf } from '../shared/access';
import { toBackupView } from '../shared/mapping';
import { connectProject } from '../shared/projectConnection';
import type { BackupsBackend } from './panel';

/** How many catalog rows the screen shows, newest first. */
const CATALOG_SIZE = 200;

/**
 * Agents serve no backup archive over HTTP yet (`GET /backups/<id>/download` is being added): the button
 * stays disabled and says so.
 */
const NO_DOWNLOAD = {
  available: false,
  reason:
    'Download needs an agent that serves backup archives (GET /backups/<id>/download); this one does not yet.',
};

async function confirm(message: string, detail: string, button: string): Promise<void> {
  required(await vscode.window.showWarningMessage(message, { modal: true, detail }, button));
}

/** The backup catalog over `backups/list`, with restore (into the backup's own app) and delete. */
export function backupsBackend(context: CommandContext): BackupsBackend {
  return {
    async load(ref) {
      const { connection, permissions } = await connectProject(context, ref);
      const [{ project }, { backups }] = await Promise.all([
        connection.request(GetProject, { projectId: ref.projectId }),
        connection.request(ListBackups, {
          projectId: ref.projectId,
          includeDeleted: false,
          limit: CATALOG_SIZE,
        }),
      ]);
      return {
        access: accessViewOf(permissions),
        projectName: project.name,
        backups: backups.map(toBackupView),
        download: NO_DOWNLOAD,
      };
    },
    async restore(ref, backupId) {
      const { connection } = await connectProject(context, ref);
      const { backup } = await connection.request(GetBackup, { backupId });
      await confirm(
        `Restore ${backup.appName} to ${new Date(backup.createdAt).toLocaleString()}?`,
        'Its database and filestore are replaced by the backup; the app switches only once the restore fully succeeded.',
        'Restore',
      );
      const { job } = await connection.request(RestoreBackup, {
        backupId,
        targetAppId: backup.appId,
      });
      void followBackupJob(connection, job, `restoring ${backup.appName}`);
    },
    download: () => Promise.reject(new Error(NO_DOWNLOAD.reason)),
    async delete(ref, backupId) {
      const { connection } = await connectProject(context, ref);
      await confirm(
        'Delete this backup?',
        'Its archive is removed from the storage; the catalog keeps it as deleted.',
        'Delete',
      );
      await connection.request(DeleteBackup, { backupId });
    },
  };
}
