import {
  DidSampleMetrics,
  ListServers,
  SubscribeMetrics,
  UnsubscribeMetrics,
  type Server,
  type ServerSample,
} from '@paas/protocol';
import * as vscode from 'vscode';
import type { AgentConnection } from '../../client/agentConnection';
import type { Connections } from '../../client/connections';
import { settings } from '../../config';
import type { Log } from '../../log';

/** What the Servers view shows about one configured agent besides its connection state. */
export interface ServerInfo {
  /** The machine the agent runs on, from `servers/list`. */
  server?: Server;
  /** The latest metrics sample of that machine, while the view is visible. */
  sample?: ServerSample;
}

/**
 * Keeps, per configured server, the agent's own server record and (while the Servers view is visible)
 * its live metrics: one `metrics/subscribe` per connection, renewed after reconnections and when the
 * interval setting changes, ended when the view is hidden.
 */
export class ServerData implements vscode.Disposable {
  private readonly info = new Map<string, ServerInfo>();
  private readonly subscriptionIds = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<string>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly watched = new Set<string>();
  private visible = false;

  constructor(
    private readonly connections: Connections,
    private readonly log: Log,
  ) {
    this.disposables.push(
      connections.onDidChange((connection) => {
        if (connection?.state.kind !== 'connected') return;
        this.subscriptionIds.delete(connection.serverId);
        void this.load(connection);
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('paas.metricsIntervalSeconds')) this.resubscribeAll();
      }),
    );
  }

  get(serverId: string): ServerInfo {
    return this.info.get(serverId) ?? {};
  }

  /** Samples flow only while someone looks at them. */
  setVisible(visible: boolean): void {
    if (this.visible === visible) return;
    this.visible = visible;
    this.resubscribeAll();
  }

  /** Reloads every connected server. */
  refresh(): void {
    for (const connection of this.connections.all()) if (connection.session) void this.load(connection);
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
    this.changed.dispose();
  }

  private update(serverId: string, patch: ServerInfo): void {
    this.info.set(serverId, { ...this.get(serverId), ...patch });
    this.changed.fire(serverId);
  }

  private async load(connection: AgentConnection): Promise<void> {
    const session = connection.session;
    if (!session) return;
    try {
      const { servers } = await connection.request(ListServers, {});
      this.update(connection.serverId, { server: servers.find((server) => server.id === session.serverId) });
      await this.subscribe(connection);
    } catch (error) {
      this.log.warn(`loading server details failed: ${(error as Error).message}`);
    }
  }

  private resubscribeAll(): void {
    for (const connection of this.connections.all()) {
      if (!connection.session) continue;
      void this.unsubscribe(connection).then(() => this.subscribe(connection));
    }
  }

  private async subscribe(connection: AgentConnection): Promise<void> {
    const session = connection.session;
    if (
      !this.visible ||
      !session?.methods.has(SubscribeMetrics.method) ||
      this.subscriptionIds.has(connection.serverId)
    )
      return;
    this.watch(connection);
    const { subscriptionId } = await connection.request(SubscribeMetrics, {
      target: { kind: 'server', serverId: session.serverId },
      intervalSeconds: Math.min(60, Math.max(1, Math.round(settings().metricsIntervalSeconds))),
    });
    this.subscriptionIds.set(connection.serverId, subscriptionId);
  }

  private async unsubscribe(connection: AgentConnection): Promise<void> {
    const subscriptionId = this.subscriptionIds.get(connection.serverId);
    if (!subscriptionId) return;
    this.subscriptionIds.delete(connection.serverId);
    await connection.request(UnsubscribeMetrics, { subscriptionId }).catch(() => undefined);
  }

  private watch(connection: AgentConnection): void {
    if (this.watched.has(connection.serverId)) return;
    this.watched.add(connection.serverId);
    this.disposables.push(
      connection.onNotification(DidSampleMetrics, ({ subscriptionId, sample }) => {
        if (sample.kind !== 'server' || this.subscriptionIds.get(connection.serverId) !== subscriptionId)
          return;
        this.update(connection.serverId, { sample });
      }),
    );
  }
}
