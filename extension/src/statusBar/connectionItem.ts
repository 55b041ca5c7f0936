import * as vscode from 'vscode';
import type { ConnectionState } from '../client/connectionState';
import { describeState } from '../client/connectionState';
import type { Connections } from '../client/connections';
import type { ServerStore } from '../client/serverStore';

/** The worst state wins: one server in trouble is what the user needs to see. */
function summary(states: ConnectionState[]): { icon: string; text: string; warning: boolean } {
  const connected = states.filter((s) => s.kind === 'connected').length;
  if (states.some((s) => s.kind === 'failed'))
    return { icon: 'error', text: `${connected}/${states.length}`, warning: true };
  if (states.some((s) => s.kind === 'waiting'))
    return { icon: 'warning', text: `${connected}/${states.length}`, warning: true };
  if (states.some((s) => s.kind === 'connecting'))
    return { icon: 'sync~spin', text: `${connected}/${states.length}`, warning: false };
  if (connected === 0) return { icon: 'debug-disconnect', text: 'offline', warning: false };
  return {
    icon: 'vm-active',
    text: states.length === 1 ? 'connected' : `${connected}/${states.length}`,
    warning: false,
  };
}

/** Shows how the server connections stand; a click opens the servers quick pick. */
export class ConnectionStatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(
    'paas.connection',
    vscode.StatusBarAlignment.Left,
    10,
  );
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly store: ServerStore,
    private readonly connections: Connections,
  ) {
    this.item.name = 'PaaS.sh Connection';
    this.item.command = 'paas.server.pick';
    this.subscriptions = [connections.onDidChange(() => this.update())];
    this.update();
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.item.dispose();
  }

  private update(): void {
    const connections = this.connections.all();
    if (connections.length === 0) {
      this.item.hide();
      return;
    }
    const { icon, text, warning } = summary(connections.map((c) => c.state));
    this.item.text = `$(${icon}) PaaS.sh: ${text}`;
    this.item.backgroundColor = warning
      ? new vscode.ThemeColor('statusBarItem.warningBackground')
      : undefined;
    const lines = connections.map(
      (c) => `${this.store.get(c.serverId)?.name ?? c.serverId}: ${describeState(c.state)}`,
    );
    this.item.tooltip = `PaaS.sh servers\n${lines.join('\n')}\n\nClick to manage servers`;
    this.item.show();
  }
}
