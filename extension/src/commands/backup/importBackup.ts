import { basename } from 'node:path';
import { ImportBackup, ListApps, UPLOADS_PATH, type App, type Job } from '@paas/protocol';
import * as vscode from 'vscode';
import { uploadFile, type TransferEndpoint } from '../../client/transfers';
import { allowedActions } from '../../views/contextValue';
import { environmentLabel } from '../../views/projects/environmentNode';
import { followBackupJob } from '../app/backupApp';
import { required, type Command, type CommandContext } from '../command';
import { chooseProject } from '../project/chooseProject';
import { byteProgress, withTransferProgress } from './transferProgress';
import { transferEndpoint } from './transferEndpoint';

/**
 * An import: an Odoo database-manager zip made into a backup of one of the project's apps. `appId` and
 * `file` are asked for when absent (scripts and the in-host tests pass them to skip the dialogs).
 */
export interface ImportTarget {
  serverId: string;
  projectId: string;
  appId?: string;
  file?: string;
}

/** The project's apps the caller may back up (an import makes a backup of the app). */
async function chooseImportApp(context: CommandContext, target: ImportTarget): Promise<App> {
  const connection = context.connections.get(target.serverId)!;
  const { apps } = await connection.request(ListApps, {
    projectId: target.projectId,
    includeDisabled: false,
  });
  if (target.appId) {
    const app = apps.find((a) => a.id === target.appId);
    if (!app) throw new Error(`no app ${target.appId} in this project`);
    return app;
  }
  // Unknown permissions (not loaded yet) hide nothing: the agent checks `app.backup` anyway.
  const permissions = context.data.permissions(target.serverId, target.projectId);
  const allowed = apps.filter(
    (app) => !permissions || allowedActions(permissions, ['app.backup'], app.environmentType).length > 0,
  );
  if (allowed.length === 0) throw new Error('no app of this project you may import a backup into');
  const picked = await vscode.window.showQuickPick(
    allowed.map((app) => ({
      label: app.name,
      description: `${environmentLabel(app.environmentType)} · ${app.branch}`,
      app,
    })),
    { placeHolder: 'Import the Odoo backup as a backup of which app?', matchOnDescription: true },
  );
  return required(picked).app;
}

async function chooseZip(): Promise<string> {
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    filters: { 'Odoo backup (database manager zip)': ['zip'] },
    openLabel: 'Import',
  });
  return required(picked?.[0]).fsPath;
}

async function upload(endpoint: TransferEndpoint, app: App, file: string): Promise<string> {
  const stored = await withTransferProgress(`PaaS.sh: uploading ${basename(file)}`, (progress, signal) => {
    let report: ((bytes: number) => void) | undefined;
    return uploadFile(endpoint, `${UPLOADS_PATH}?appId=${encodeURIComponent(app.id)}`, file, {
      contentType: 'application/zip',
      signal,
      onProgress: (sent, total) => (report ??= byteProgress(progress, total))(sent),
    });
  });
  return stored.id;
}

/**
 * Uploads an Odoo zip and queues its import: resolves once the agent accepted the job (a refusal
 * rejects here), with `done`, the job followed to its end in a progress notification.
 */
export async function startImport(
  context: CommandContext,
  target: ImportTarget,
): Promise<{ app: App; done: Promise<Job> }> {
  const endpoint = await transferEndpoint(context, target.serverId, 'upload');
  const app = await chooseImportApp(context, target);
  const file = target.file ?? (await chooseZip());
  const uploadId = await upload(endpoint, app, file);
  const connection = context.connections.get(target.serverId)!;
  const { job } = await connection.request(ImportBackup, { uploadId });
  context.log.info(`[backups] importing ${basename(file)} into ${app.name}: job ${job.id}`);
  return { app, done: followBackupJob(connection, job, `importing ${basename(file)} into ${app.name}`) };
}

/** Imports an Odoo database-manager zip as a backup of one of a project's apps; resolves with the ended job. */
export const importBackupCommand: Command = {
  id: 'paas.backup.import',
  async run(context, target?: unknown): Promise<Job> {
    const ref = await chooseProject(context, target);
    const t = (target ?? {}) as Partial<ImportTarget>;
    const appId = typeof t.appId === 'string' ? t.appId : undefined;
    const file = typeof t.file === 'string' ? t.file : undefined;
    return (await startImport(context, { ...ref, appId, file })).done;
  },
};
