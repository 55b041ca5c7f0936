import { ListServers, type Server } from '@paas/protocol';
import * as vscode from 'vscode';
import type { AgentConnection } from '../../client/agentConnection';
import type { Connections } from '../../client/connections';
import type { Log } from '../../log';

/** What the Servers view shows about one configured agent besides its connection state. */
export interface ServerInfo {
  /** The machine the agent runs on, from `servers/list`. */
  server?: Server;
}

/** Fetches each agent's own server record when it connects, and keeps the latest per configured server. */
export class ServerData implements vscode.Disposable {
  private readonly info = new Map<string, ServerInfo>();
  private readonly changed = new vscode.EventEmitter<string>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly connections: Connections,
    private readonly log: Log,
  ) {
    this.subscription = connections.onDidChange((connection) => {
      if (connection?.state.kind === 'connected') void this.load(connection);
    });
  }

  get(serverId: string): ServerInfo {
    return this.info.get(serverId) ?? {};
  }

  /** Reloads every connected server. */
  refresh(): void {
    for (const connection of this.connections.all())
      if (connection.state.kind === 'connected') void this.load(connection);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  private async load(connection: AgentConnection): Promise<void> {
    const session = connection.session;
    if (!session) return;
    try {
      const { servers } = await connection.request(ListServers, {});
      const own = servers.find((server) => server.id === session.serverId) ?? servers.find((s) => s.local);
      this.info.set(connection.serverId, { ...this.get(connection.serverId), server: own });
      this.changed.fire(connection.serverId);
    } catch (error) {
      this.log.warn(`servers/list failed: ${(error as Error).message}`);
    }
  }
}
