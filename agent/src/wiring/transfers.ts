import { UPLOADS_PATH, parseBackupDownloadPath } from '@paas/protocol';
import { downloadBackupRoute } from '../handlers/transfers/downloadBackup';
import type { TransferDeps } from '../handlers/transfers/transferRoute';
import { uploadFileRoute } from '../handlers/transfers/uploadFile';
import type { AppDirectory } from '../services/backups/appDirectory';
import type { BackupService } from '../services/backups/backupService';
import type { RestoreService } from '../services/backups/restoreService';
import type { UploadService } from '../services/backups/uploadService';
import type { AgentTransport } from '../transport/server';

/** The HTTP transfer routes beside the WebSocket (protocol/src/transfers.ts): backup downloads and uploads. */
export function serveTransfers(
  transport: AgentTransport,
  parts: {
    deps: TransferDeps;
    backups: BackupService;
    restores: RestoreService;
    uploads: UploadService;
    apps: Pick<AppDirectory, 'target'>;
    maxUploadBytes: number;
  },
): void {
  transport.routeWhere(
    'GET',
    (path) => parseBackupDownloadPath(path) !== undefined,
    downloadBackupRoute(parts.deps, parts.backups, parts.restores),
  );
  transport.routeWhere(
    'PUT',
    (path) => path === UPLOADS_PATH,
    uploadFileRoute(parts.deps, parts.apps, parts.uploads, parts.maxUploadBytes),
  );
}
