import {
  BackupDidChange,
  DeleteBackup,
  GetBackup,
  GetProject,
  ListBackups,
  RestoreBackup,
} from '@paas/protocol';
import * as vscode from 'vscode';
import { followBackupJob } from '../../commands/app/backupApp';
import { downloadBackup } from '../../commands/backup/downloadBackup';
import { startImport } from '../../commands/backup/importBackup';
import { MISSING_ROUTE } from '../../commands/backup/transferEndpoint';
import { required, type CommandContext } from '../../commands/command';
import type { Session, TransferRoute } from '../../client/session';
import type { TransferAvailability } from '../messages/backups';
import { accessViewOf } from '../shared/access';
import { toBackupView } from '../shared/mapping';
import { connectProject } from '../shared/projectConnection';
import type { BackupsBackend } from './panel';

/** How many catalog rows the screen shows, newest first. */
const CATALOG_SIZE = 200;

/** Whether the agent serves `route`, and otherwise why the button that needs it is disabled. */
function availability(session: Session, route: TransferRoute): TransferAvailability {
  return session.transfers.has(route)
    ? { available: true }
    : { available: false, reason: MISSING_ROUTE[route] };
}

async function confirm(message: string, detail: string, button: string): Promise<void> {
  required(await vscode.window.showWarningMessage(message, { modal: true, detail }, button));
}

/**
 * The backup catalog over `backups/list`, with restore (into the backup's own app), delete, download
 * and import over the agent's transfer routes.
 */
export function backupsBackend(context: CommandContext): BackupsBackend {
  return {
    async load(ref) {
      const { connection, session, permissions } = await connectProject(context, ref);
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
        download: availability(session, 'backupDownload'),
        imports: availability(session, 'upload'),
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
    async download(ref, backupId) {
      await downloadBackup(context, { serverId: ref.serverId, backupId });
    },
    importBackup: (ref) => startImport(context, ref),
    watch(ref, onChange) {
      const connection = context.connections.get(ref.serverId);
      if (!connection) return new vscode.Disposable(() => undefined);
      return connection.onNotification(BackupDidChange, ({ backup }) => {
        if (backup.projectId === ref.projectId) onChange();
      });
    },
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
