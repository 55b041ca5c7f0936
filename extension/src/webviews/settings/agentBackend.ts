import { ChangePlan, DeleteProject, GetProject, ListPlans, UpdateEnvironment } from '@paas/protocol';
import * as vscode from 'vscode';
import { required, type CommandContext } from '../../commands/command';
import { accessViewOf } from '../shared/access';
import { toPlanView } from '../shared/mapping';
import { connectProject } from '../shared/projectConnection';
import type { SettingsBackend } from './panel';

/**
 * Project settings: the plan (`projects/changePlan`), backups before updates (`environments/update`) and the
 * danger zone (`projects/delete`).
 */
export function settingsBackend(context: CommandContext): SettingsBackend {
  return {
    async load(ref) {
      const { connection, permissions } = await connectProject(context, ref);
      const [{ project, environments }, { plans }] = await Promise.all([
        connection.request(GetProject, { projectId: ref.projectId }),
        connection.request(ListPlans, {}),
      ]);
      return {
        access: accessViewOf(permissions),
        project: { id: project.id, name: project.name, code: project.code, plan: project.plan },
        plans: plans.map(toPlanView),
        environments: environments.map((e) => ({
          id: e.id,
          type: e.type,
          preUpdateBackup: e.automation.preUpdateBackup,
        })),
      };
    },
    async setPreUpdateBackup(ref, environmentId, enabled) {
      const { connection } = await connectProject(context, ref);
      await connection.request(UpdateEnvironment, {
        environmentId,
        automation: { preUpdateBackup: enabled },
      });
    },
    async changePlan(ref, plan) {
      const { connection } = await connectProject(context, ref);
      await connection.request(ChangePlan, { projectId: ref.projectId, plan });
      context.refreshViews();
    },
    async deleteProject(ref) {
      const { connection } = await connectProject(context, ref);
      const { project } = await connection.request(GetProject, { projectId: ref.projectId });
      const button = `Delete ${project.name}`;
      required(
        await vscode.window.showWarningMessage(
          `Delete the project "${project.name}"?`,
          {
            modal: true,
            detail: 'Every environment, app, database and filestore goes; each app is backed up first.',
          },
          button,
        ),
      );
      await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `PaaS.sh: deleting ${project.name}…` },
        () =>
          connection.request(DeleteProject, {
            projectId: ref.projectId,
            confirmCode: project.code,
            skipFinalBackups: false,
          }),
      );
      context.refreshViews();
    },
  };
}
