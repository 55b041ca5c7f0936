import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import {
  BackupArchiveFormatSchema,
  GetBackup,
  backupDownloadPath,
  type Backup,
  type BackupArchiveFormat,
} from '@paas/protocol';
import * as vscode from 'vscode';
import { saveDownload } from '../../client/saveDownload';
import { openDownload } from '../../client/transfers';
import { required, type Command, type CommandContext } from '../command';
import { byteProgress, withTransferProgress } from './transferProgress';
import { transferEndpoint } from './transferEndpoint';

/**
 * A download: which backup on which server. `format` and `file` are asked for when absent (scripts and
 * the in-host tests pass them to skip the dialogs).
 */
export interface DownloadTarget {
  serverId: string;
  backupId: string;
  format?: BackupArchiveFormat;
  file?: string;
}

const FORMATS: readonly (vscode.QuickPickItem & { format: BackupArchiveFormat })[] = [
  {
    label: 'Odoo database zip — restorable on any Odoo server',
    detail: 'dump.sql, filestore/, manifest.json',
    format: 'zip',
  },
  { label: 'PaaS.sh archive (.tar)', detail: 'The archive exactly as stored, with checksums', format: 'tar' },
];

/** `main-2026-12-03-0930.zip`: the app and the backup's time, so downloads sort and say what they are. */
function defaultFileName(backup: Backup, format: BackupArchiveFormat): string {
  const when = backup.createdAt.slice(0, 16).replace('T', '-').replace(':', '');
  return `${backup.appName.replace(/[^\w.-]+/g, '_')}-${when}.${format}`;
}

async function askFile(backup: Backup, format: BackupArchiveFormat): Promise<string> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? homedir();
  const uri = await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.file(join(folder, defaultFileName(backup, format))),
    filters: format === 'zip' ? { 'Odoo backup': ['zip'] } : { 'PaaS.sh archive': ['tar'] },
    saveLabel: 'Download',
  });
  return required(uri).fsPath;
}

/** Asks what is missing, then streams the archive into the file with a cancellable progress notification. */
export async function downloadBackup(context: CommandContext, target: DownloadTarget): Promise<string> {
  const endpoint = await transferEndpoint(context, target.serverId, 'backupDownload');
  const { backup } = await context.connections.get(target.serverId)!.request(GetBackup, {
    backupId: target.backupId,
  });
  const format =
    target.format ??
    required(await vscode.window.showQuickPick(FORMATS, { placeHolder: 'Download the backup as' })).format;
  const file = target.file ?? (await askFile(backup, format));
  const title = `PaaS.sh: downloading ${basename(file)}`;
  await withTransferProgress(title, async (progress, signal) => {
    const download = await openDownload(endpoint, backupDownloadPath(backup.id, format), signal);
    await saveDownload(download, file, { signal, onProgress: byteProgress(progress, download.sizeBytes) });
  });
  context.log.info(`[backups] saved backup ${backup.id} as ${format} to ${file}`);
  void vscode.window
    .showInformationMessage(`PaaS.sh: saved ${basename(file)}.`, 'Show in Folder')
    .then((choice) => choice && vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(file)));
  return file;
}

/** Saves a backup's archive locally, as an Odoo zip or as PaaS.sh's own tar. */
export const downloadBackupCommand: Command = {
  id: 'paas.backup.download',
  async run(context, target?: unknown): Promise<string> {
    const t = (target ?? {}) as Partial<DownloadTarget>;
    if (typeof t.serverId !== 'string' || typeof t.backupId !== 'string')
      throw new Error('open the Backups screen of a project and use Download there');
    const format = t.format === undefined ? undefined : BackupArchiveFormatSchema.parse(t.format);
    return downloadBackup(context, { serverId: t.serverId, backupId: t.backupId, format, file: t.file });
  },
};
