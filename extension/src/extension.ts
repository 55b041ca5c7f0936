import * as vscode from 'vscode';
import { JOIN_PATH, parseJoinQuery } from './commands/organization/joinLink';
import type { Core } from './extensionCore';
import { lazy } from './lazy';
import { createLogChannel, scopedLog } from './log';
import { LazyTreeProvider } from './views/lazyTreeProvider';

/** What the extension exposes to other extensions and to its in-host tests. */
export interface PaasApi {
  /** Loads (once) and returns the part that talks to agents. */
  core(): Promise<Core>;
  readonly views: Readonly<Record<'projects' | 'servers' | 'jobs', vscode.TreeView<unknown>>>;
}

function contributedCommands(context: vscode.ExtensionContext): string[] {
  const json = context.extension.packageJSON as { contributes?: { commands?: { command: string }[] } };
  return (json.contributes?.commands ?? []).map((entry) => entry.command);
}

/**
 * The core is a separate bundle (dist/extensionCore.js, loaded by this import on first use): activation parses
 * a few kilobytes, not the protocol, the WebSocket client and their schemas.
 *
 * Wires a thin shell and nothing else: commands and views delegate to the core, which is loaded (and
 * connects to agents) only when a PaaS.sh view is shown or a command runs.
 */
export function activate(context: vscode.ExtensionContext): PaasApi {
  const channel = createLogChannel();
  context.subscriptions.push(channel);
  const core = lazy(async () => (await import('./extensionCore.js')).createCore(context, channel));
  /** Runs `use` on the core once it is loaded; a failure to load is logged, never thrown at the caller. */
  const withCore = (use: (loaded: Core) => void): void => {
    core().then(use, (error: unknown) =>
      scopedLog(channel, 'extension').error(`loading failed: ${String(error)}`),
    );
  };
  const view = (
    id: string,
    load: (loaded: Core) => vscode.TreeDataProvider<unknown>,
    onVisibility: (loaded: Core, visible: boolean) => void = () => undefined,
  ): vscode.TreeView<unknown> => {
    const provider = new LazyTreeProvider(async () => load(await core()));
    const treeView = vscode.window.createTreeView(id, { treeDataProvider: provider });
    const visibilityChanged = (visible: boolean): void => {
      if (visible) withCore((loaded) => loaded.connections.start());
      // Only load the core to tell it about a hidden view when it is loaded anyway.
      if (visible || core.loaded()) withCore((loaded) => onVisibility(loaded, visible));
    };
    if (treeView.visible) visibilityChanged(true);
    context.subscriptions.push(
      provider,
      treeView,
      treeView.onDidChangeVisibility((event) => visibilityChanged(event.visible)),
    );
    return treeView;
  };
  const projects = view(
    'paas.projects',
    (loaded) => loaded.projectsProvider as vscode.TreeDataProvider<unknown>,
  );
  const servers = view(
    'paas.servers',
    (loaded) => loaded.serversProvider,
    (loaded, visible) => loaded.serverData.setVisible(visible),
  );
  const jobs = view('paas.jobs', (loaded) => loaded.jobsProvider as vscode.TreeDataProvider<unknown>);
  // Dashboards reopen after a reload; the core (and its connections) load only when one does.
  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer('paas.dashboard', {
      deserializeWebviewPanel: async (panel, state: unknown) => (await core()).restoreDashboard(panel, state),
    }),
  );
  // Join links (`…/join?server=…&code=…`) the inviter copied from the Members screen.
  context.subscriptions.push(
    vscode.window.registerUriHandler({
      handleUri: (uri) => {
        const link = uri.path === JOIN_PATH ? parseJoinQuery(uri.query) : undefined;
        if (link) void vscode.commands.executeCommand('paas.organization.join', { ...link, fromLink: true });
      },
    }),
  );
  for (const id of contributedCommands(context))
    context.subscriptions.push(
      vscode.commands.registerCommand(id, async (...args: unknown[]) => (await core()).runCommand(id, args)),
    );
  return { core, views: { projects, servers, jobs } };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
