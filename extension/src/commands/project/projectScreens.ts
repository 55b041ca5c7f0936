import type * as vscode from 'vscode';
import type { DashboardDeps } from '../../webviews/dashboard/panel';
import { dashboardBackend } from '../../webviews/index';
import type { ProjectKey } from '../../webviews/shared/panels';
import type { ScreenDeps } from '../../webviews/shared/screenPanel';
import type { Command, CommandContext } from '../command';
import { chooseProject } from './chooseProject';

/** What every panel is opened with: where its files are, where it logs, where its messages are traced. */
export function screenDeps(context: CommandContext): ScreenDeps {
  return { extensionUri: context.extension.extensionUri, log: context.log, trace: context.webviewTrace };
}

/** The dashboard's dependencies; the shell's serializer restores dashboards with the same. */
export function dashboardDeps(context: CommandContext): DashboardDeps {
  return { ...screenDeps(context), backend: dashboardBackend(context) };
}

/**
 * A command that opens (or reveals) one of a project's screens, for a Projects view node, `{ serverId,
 * projectId }`, or a project the user picks; resolves with the panel's view type.
 */
export function projectScreenCommand(
  id: string,
  open: (context: CommandContext, ref: ProjectKey) => { readonly panel: vscode.WebviewPanel },
): Command {
  return {
    id,
    async run(context, target?: unknown): Promise<string> {
      const ref = await chooseProject(context, target);
      return open(context, ref).panel.viewType;
    },
  };
}
