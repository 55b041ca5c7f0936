import { BackupArchiveFormatSchema, parseBackupDownloadPath } from '@paas/protocol';
import { invalidField } from '../../errors';
import type { BackupService } from '../../services/backups/backupService';
import { openExport } from '../../services/backups/exportBackup';
import type { RestoreService } from '../../services/backups/restoreService';
import type { HttpRoute } from '../../transport/server';
import { requireBackupAction } from '../backupAccess';
import { transferRoute, type TransferDeps } from './transferRoute';

/**
 * `GET /backups/<id>/download?format=zip|tar`. A download carries the whole database and filestore, so it
 * takes what restoring it takes: `backup.restore` in the backup's environment (Developer Plus for
 * production); a deleted project's backup, an organization Admin. Only restorable backups (succeeded, with checksums) are served.
 */
export function downloadBackupRoute(
  deps: TransferDeps,
  backups: BackupService,
  restores: RestoreService,
): HttpRoute {
  return transferRoute(deps, 'backups/download', async (request, response, context) => {
    const url = new URL(request.url ?? '/', 'http://agent');
    const backupId = parseBackupDownloadPath(url.pathname)!;
    context.target = `backup:${backupId}`;
    const format = BackupArchiveFormatSchema.safeParse(url.searchParams.get('format') ?? 'zip');
    if (!format.success) throw invalidField(['format'], 'must be zip or tar');
    context.params = { backupId, format: format.data };
    const backup = backups.get(backupId);
    requireBackupAction(context, backups.deps.db, backup, 'backup.restore');
    restores.restorable(backupId);
    const download = await openExport(backups.deps.storages, backup, format.data, context.signal);
    const { head } = download;
    response.writeHead(200, {
      'Content-Type': head.contentType,
      'Content-Disposition': `attachment; filename="${head.fileName}"`,
      'Cache-Control': 'no-store',
      ...(head.sizeBytes === undefined ? {} : { 'Content-Length': String(head.sizeBytes) }),
    });
    await download.writeTo(response);
  });
}
