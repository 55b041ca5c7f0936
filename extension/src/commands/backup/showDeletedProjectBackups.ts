import {
  BackupArchiveFormatSchema,
  can,
  ListDeletedProjectBackups,
  ListOrganizations,
  type Backup,
  type BackupArchiveFormat,
} from '@paas/protocol';
import * as vscode from 'vscode';
import type { AgentConnection } from '../../client/agentConnection';
import { required, type Command, type CommandContext } from '../command';
import { chooseServer } from '../server/chooseServer';
import { deletedProjectPicks, type DeletedProjects } from './deletedProjectPicks';
import { downloadBackup } from './downloadBackup';
import { restoreIntoOtherProject } from './restoreIntoOtherProject';

/**
 * What scripts and the in-host tests pass to skip the prompts; any part left out is asked for. The
 * backup must be among those `backups/listDeletedProjects` lists for the organization.
 */
interface DeletedProjectBackupsTarget {
  serverId?: string;
  organizationId?: string;
  backupId?: string;
  action?: 'download' | 'restore';
  format?: BackupArchiveFormat;
  file?: string;
  targetAppId?: string;
}

/** The organization whose deleted projects to list: one where the caller is an Admin or Owner. */
async function chooseOrganization(connection: AgentConnection, given: string | undefined): Promise<string> {
  if (given !== undefined) return given;
  const { organizations } = await connection.request(ListOrganizations, {});
  const administered = organizations.filter((o) => can(o.role, 'deletedProject.backups'));
  if (administered.length === 0)
    throw new Error("only an organization's Admins and Owners see its deleted projects' backups");
  if (administered.length === 1) return administered[0]!.id;
  const picked = await vscode.window.showQuickPick(
    administered.map((organization) => ({
      label: organization.name,
      description: organization.role,
      organization,
    })),
    { placeHolder: 'The organization whose deleted projects to look at' },
  );
  return required(picked).organization.id;
}

async function chooseBackup(projects: DeletedProjects, backupId: string | undefined): Promise<Backup> {
  const all = projects.flatMap((project) => project.backups);
  if (backupId !== undefined) {
    const backup = all.find((b) => b.id === backupId);
    if (!backup)
      throw new Error(`backup ${backupId} is not among this organization's deleted projects' backups`);
    return backup;
  }
  if (all.length === 0) throw new Error('no deleted project of this organization has backups left');
  const items = deletedProjectPicks(projects).map((pick) =>
    pick.kind === 'project'
      ? { label: pick.label, kind: vscode.QuickPickItemKind.Separator }
      : { label: pick.label, description: pick.description, detail: pick.detail, backup: pick.backup },
  );
  const picked = await vscode.window.showQuickPick(items, {
    placeHolder: 'Backups of deleted projects, newest deletion first',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return required(required(picked).backup);
}

async function chooseAction(given: DeletedProjectBackupsTarget['action']): Promise<'download' | 'restore'> {
  if (given !== undefined) return given;
  const picked = await vscode.window.showQuickPick(
    [
      { label: '$(cloud-download) Download…', action: 'download' as const },
      { label: '$(history) Restore into an app of another project…', action: 'restore' as const },
    ],
    { placeHolder: 'What to do with the backup' },
  );
  return required(picked).action;
}

/**
 * `PaaS: Backups of Deleted Projects…`: the final backups the agent keeps of an organization's deleted
 * projects (organization Admins and Owners), to download or restore into another project's app.
 * Resolves the saved file's path, or the restore job once it ended.
 */
export const showDeletedProjectBackups: Command = {
  id: 'paas.backup.deletedProjects',
  async run(context: CommandContext, target?: unknown): Promise<unknown> {
    const t = (target ?? {}) as DeletedProjectBackupsTarget;
    const server = await chooseServer(context, target, 'The server whose deleted projects to look at');
    context.connections.start();
    await context.connections.whenConnected(server.id);
    const connection = context.connections.get(server.id)!;
    const organizationId = await chooseOrganization(connection, t.organizationId);
    const { projects } = await connection.request(ListDeletedProjectBackups, { organizationId });
    const backup = await chooseBackup(projects, t.backupId);
    const action = await chooseAction(t.action);
    if (action === 'download') {
      const format = t.format === undefined ? undefined : BackupArchiveFormatSchema.parse(t.format);
      return downloadBackup(context, { serverId: server.id, backupId: backup.id, format, file: t.file });
    }
    return restoreIntoOtherProject(context, connection, backup, organizationId, t.targetAppId);
  },
};
