import * as vscode from 'vscode';
import { Connections } from './client/connections';
import { ServerStore } from './client/serverStore';
import { createCommandRunner } from './commands/index';
import { backoffPolicy } from './config';
import { scopedLog } from './log';
import { ConnectionStatusItem } from './statusBar/connectionItem';
import { ServerData } from './views/servers/serverData';
import { ServersProvider } from './views/servers/serversProvider';

/** Everything that talks to agents. Loaded on first use, so activation stays cheap. */
export interface Core {
  readonly store: ServerStore;
  readonly connections: Connections;
  readonly serversProvider: ServersProvider;
  runCommand(id: string, args: unknown[]): Promise<unknown>;
}

export function createCore(context: vscode.ExtensionContext, channel: vscode.LogOutputChannel): Core {
  const version = (context.extension.packageJSON as { version?: string }).version ?? '0.0.0';
  const store = new ServerStore(context.globalState, context.secrets);
  const connections = new Connections(store, {
    clientVersion: version,
    backoff: backoffPolicy,
    log: scopedLog(channel, 'client'),
  });
  const serverData = new ServerData(connections, scopedLog(channel, 'servers'));
  const serversProvider = new ServersProvider(store, connections, serverData);
  const updateHasServers = (): Thenable<unknown> =>
    vscode.commands.executeCommand('setContext', 'paas.hasServers', store.list().length > 0);
  context.subscriptions.push(
    store,
    connections,
    serverData,
    serversProvider,
    new ConnectionStatusItem(store, connections),
    store.onDidChange(() => void updateHasServers()),
  );
  void updateHasServers();
  const runCommand = createCommandRunner({
    extension: context,
    store,
    connections,
    log: scopedLog(channel, 'commands'),
    refreshViews: () => {
      serverData.refresh();
      serversProvider.refresh();
    },
  });
  return { store, connections, serversProvider, runCommand };
}
