import { RestoreBackup, type Backup, type Job } from '@paas/protocol';
import * as vscode from 'vscode';
import type { AgentConnection } from '../../client/agentConnection';
import { allowedActions } from '../../views/contextValue';
import { environmentLabel } from '../../views/projects/environmentNode';
import { followBackupJob } from '../app/backupApp';
import { required, type CommandContext } from '../command';

/**
 * The apps a deleted project's backup may go into: those of the organization's remaining projects on
 * that agent where the caller may restore (the agent still decides, per `backups/restore`).
 */
function restoreTargets(context: CommandContext, serverId: string, organizationId: string) {
  const projects = context.data.snapshot(serverId)?.projects ?? [];
  const ofOrganization = new Map(
    projects.filter((p) => p.organizationId === organizationId).map((p) => [p.id, p] as const),
  );
  return [...context.data.apps()].filter(
    ({ serverId: appServer, app }) =>
      appServer === serverId &&
      ofOrganization.has(app.projectId) &&
      allowedActions(
        context.data.permissions(serverId, app.projectId),
        ['backup.restore'],
        app.environmentType,
      ).length > 0,
  );
}

/**
 * Restores a deleted project's backup into an app of another project of its organization: the app is
 * `targetAppId` (scripts, tests) or one the user picks, after a modal confirmation.
 */
export async function restoreIntoOtherProject(
  context: CommandContext,
  connection: AgentConnection,
  backup: Backup,
  organizationId: string,
  targetAppId: string | undefined,
): Promise<Job> {
  let appId = targetAppId;
  if (appId === undefined) {
    const targets = restoreTargets(context, connection.serverId, organizationId);
    if (targets.length === 0)
      throw new Error(
        'no app of this organization you may restore into; deploy one in another project first',
      );
    const picked = await vscode.window.showQuickPick(
      targets.map(({ app }) => ({
        label: app.name,
        description: `${environmentLabel(app.environmentType)} · ${app.branch}`,
        detail: context.data.snapshot(connection.serverId)?.projects.find((p) => p.id === app.projectId)
          ?.name,
        app,
      })),
      {
        placeHolder: `Restore ${backup.appName} (${backup.createdAt.slice(0, 16)}) into`,
        matchOnDetail: true,
      },
    );
    const app = required(picked).app;
    const choice = await vscode.window.showWarningMessage(
      `Restore ${backup.appName} into ${app.name}?`,
      {
        modal: true,
        detail:
          'Its database and filestore are replaced by the backup (with a new database identity); the app switches only once the restore fully succeeded.',
      },
      'Restore',
    );
    required(choice === 'Restore' ? choice : undefined);
    appId = app.id;
  }
  const { job } = await connection.request(RestoreBackup, { backupId: backup.id, targetAppId: appId });
  return followBackupJob(connection, job, `restoring ${backup.appName}`);
}
