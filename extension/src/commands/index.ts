import * as vscode from 'vscode';
import { Cancelled, type Command, type CommandContext } from './command';
import { backupApp } from './app/backupApp';
import { deployApp } from './app/deployApp';
import { dryRunUpdate } from './app/dryRunUpdate';
import { destroyApp } from './app/destroyApp';
import { openApp } from './app/openApp';
import { restartApp, startApp, stopApp } from './app/operateApp';
import { retryApp } from './app/retryApp';
import { showLogs } from './app/showLogs';
import { showModuleDrift } from './app/showModuleDrift';
import { updateApp } from './app/updateApp';
import { downloadBackupCommand } from './backup/downloadBackup';
import { importBackupCommand } from './backup/importBackup';
import { showDeletedProjectBackups } from './backup/showDeletedProjectBackups';
import { deployBranch } from './branch/deployBranch';
import { cancelJob } from './job/cancelJob';
import { createOrganization } from './organization/createOrganization';
import { joinOrganization } from './organization/joinOrganization';
import { showMembersCommand, showTeamsCommand } from './organization/organizationScreens';
import { switchOrganization } from './organization/switchOrganization';
import { createProjectCommand } from './project/createProject';
import {
  openDashboard,
  openPricing,
  openQueue,
  openWorkflows,
  showAuditLogCommand,
  showBackupsCommand,
  showCollaboratorsCommand,
  showSettingsCommand,
} from './project/projectCommands';
import { openRunners } from './project/openRunners';
import { showProjectInfoCommand } from './project/showProjectInfo';
import { openDatabases, openStorages } from './project/databaseScreens';
import { addServer } from './server/addServer';
import { pickServer } from './server/pickServer';
import { reconnectServer } from './server/reconnectServer';
import { removeServer } from './server/removeServer';
import { signInServer } from './server/signInServer';
import { trustCertificate } from './server/trustCertificate';
import { refreshViews } from './view/refreshViews';
import { hideDisabledApps, showDisabledApps } from './view/toggleDisabledApps';

/** Every command, registered from this one table. */
const COMMANDS: readonly Command[] = [
  addServer,
  removeServer,
  pickServer,
  reconnectServer,
  signInServer,
  trustCertificate,
  refreshViews,
  showDisabledApps,
  hideDisabledApps,
  openApp,
  deployApp,
  updateApp,
  dryRunUpdate,
  showModuleDrift,
  retryApp,
  backupApp,
  stopApp,
  startApp,
  restartApp,
  destroyApp,
  showLogs,
  cancelJob,
  deployBranch,
  showProjectInfoCommand,
  openDashboard,
  createProjectCommand,
  showCollaboratorsCommand,
  showAuditLogCommand,
  showBackupsCommand,
  downloadBackupCommand,
  importBackupCommand,
  showDeletedProjectBackups,
  showSettingsCommand,
  openDatabases,
  openStorages,
  createOrganization,
  switchOrganization,
  joinOrganization,
  showMembersCommand,
  showTeamsCommand,
  openQueue,
  openWorkflows,
  openPricing,
  openRunners,
];

/** The ids of every implemented command, for the check that package.json contributes exactly these. */
export const COMMAND_IDS: readonly string[] = COMMANDS.map((command) => command.id);

/**
 * Runs a command by id. A failure is logged and shown once, as a notification naming what failed; the
 * command then resolves `undefined`, so scripts and tests read outcomes from return values.
 */
export function createCommandRunner(
  context: CommandContext,
): (id: string, args: unknown[]) => Promise<unknown> {
  const byId = new Map(COMMANDS.map((command) => [command.id, command]));
  return async (id, args) => {
    const command = byId.get(id);
    if (!command) throw new Error(`command ${id} is contributed but not implemented`);
    try {
      return await command.run(context, ...args);
    } catch (error) {
      if (error instanceof Cancelled) return undefined;
      const message = error instanceof Error ? error.message : String(error);
      context.log.error(`${id} failed: ${message}`);
      void vscode.window.showErrorMessage(`PaaS.sh: ${message}`);
      return undefined;
    }
  };
}
