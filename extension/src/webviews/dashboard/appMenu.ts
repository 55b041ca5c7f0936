import { GetApp, type Action } from '@paas/protocol';
import * as vscode from 'vscode';
import type { AppTarget } from '../../commands/app/chooseApp';
import type { CommandContext } from '../../commands/command';
import { allowedActions } from '../../views/contextValue';
import type { ProjectRef } from '../messages/dashboard';
import { connectProject } from '../shared/projectConnection';

/** The app a card acts on, read afresh from its agent (the sidebar's copy may lag behind a new app). */
export async function appTarget(context: CommandContext, ref: ProjectRef, appId: string): Promise<AppTarget> {
  const { connection } = await connectProject(context, ref);
  const { app } = await connection.request(GetApp, { appId });
  return { serverId: ref.serverId, connection, app };
}

interface MenuEntry {
  label: string;
  command: string;
  action: Action;
  /** The app states the entry applies in; all when absent. */
  states?: readonly string[];
}

/** The ⋮ menu: what the card has no button for, as the sidebar's commands. */
const ENTRIES: readonly MenuEntry[] = [
  { label: '$(output) Show Logs', command: 'paas.app.showLogs', action: 'app.viewLogs' },
  { label: '$(debug-stop) Stop', command: 'paas.app.stop', action: 'app.operate', states: ['running'] },
  { label: '$(debug-start) Start', command: 'paas.app.start', action: 'app.operate', states: ['stopped'] },
  {
    label: '$(debug-restart) Restart',
    command: 'paas.app.restart',
    action: 'app.operate',
    states: ['running'],
  },
  { label: '$(beaker) Dry-run Update', command: 'paas.app.dryRunUpdate', action: 'app.update' },
  { label: '$(diff) Module Drift…', command: 'paas.app.moduleDrift', action: 'app.refresh' },
  { label: '$(archive) Backups…', command: 'paas.project.backups', action: 'app.refresh' },
  { label: '$(trash) Destroy…', command: 'paas.app.destroy', action: 'app.destroy' },
];

/** Shows the remaining actions the caller may take on the app, and runs the chosen one's command. */
export async function appMenu(context: CommandContext, ref: ProjectRef, appId: string): Promise<void> {
  const { connection, permissions } = await connectProject(context, ref);
  const { app } = await connection.request(GetApp, { appId });
  const allowed = new Set(
    allowedActions(
      permissions,
      ENTRIES.map((e) => e.action),
      app.environmentType,
    ),
  );
  const entries = ENTRIES.filter((e) => allowed.has(e.action) && (!e.states || e.states.includes(app.state)));
  const picked = await vscode.window.showQuickPick(
    entries.map((entry) => ({ label: entry.label, entry })),
    { placeHolder: `${app.name} (${app.state})` },
  );
  if (!picked) return;
  const target = picked.entry.command === 'paas.project.backups' ? ref : { appId };
  await vscode.commands.executeCommand(picked.entry.command, target);
}
