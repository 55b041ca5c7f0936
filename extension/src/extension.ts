import * as vscode from 'vscode';
import type { Core } from './core';
import { lazy } from './lazy';
import { createLogChannel, scopedLog } from './log';
import { LazyTreeProvider } from './views/lazyTreeProvider';

/** What the extension exposes to other extensions and to its in-host tests. */
export interface PaasApi {
  /** Loads (once) and returns the part that talks to agents. */
  core(): Promise<Core>;
  readonly views: Readonly<Record<'servers', vscode.TreeView<unknown>>>;
}

function contributedCommands(context: vscode.ExtensionContext): string[] {
  const json = context.extension.packageJSON as { contributes?: { commands?: { command: string }[] } };
  return (json.contributes?.commands ?? []).map((entry) => entry.command);
}

/**
 * Wires a thin shell and nothing else: commands and views delegate to the core, which is loaded (and
 * connects to agents) only when a PaaS.sh view is shown or a command runs.
 */
export function activate(context: vscode.ExtensionContext): PaasApi {
  const channel = createLogChannel();
  context.subscriptions.push(channel);
  const core = lazy(async () => (await import('./core.js')).createCore(context, channel));
  const startConnections = (): void => {
    core().then(
      (loaded) => loaded.connections.start(),
      (error: unknown) => scopedLog(channel, 'extension').error(`loading failed: ${String(error)}`),
    );
  };
  const view = (
    id: string,
    load: (loaded: Core) => vscode.TreeDataProvider<unknown>,
  ): vscode.TreeView<unknown> => {
    const provider = new LazyTreeProvider(async () => load(await core()));
    const treeView = vscode.window.createTreeView(id, { treeDataProvider: provider });
    if (treeView.visible) startConnections();
    context.subscriptions.push(
      provider,
      treeView,
      treeView.onDidChangeVisibility((e) => e.visible && startConnections()),
    );
    return treeView;
  };
  const servers = view('paas.servers', (loaded) => loaded.serversProvider);
  for (const id of contributedCommands(context))
    context.subscriptions.push(
      vscode.commands.registerCommand(id, async (...args: unknown[]) => (await core()).runCommand(id, args)),
    );
  return { core, views: { servers } };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
