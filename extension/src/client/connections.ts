import * as vscode from 'vscode';
import type { Log } from '../log';
import { AgentConnection } from './agentConnection';
import type { BackoffPolicy } from './backoff';
import type { ServerEntry, ServerStore } from './serverStore';
import type { Session } from './session';

/** One connection per configured server, kept in step with the {@link ServerStore}. */
export class Connections implements vscode.Disposable {
  private readonly byId = new Map<string, AgentConnection>();
  private readonly changed = new vscode.EventEmitter<AgentConnection | undefined>();
  /** Fires with the connection whose state changed, or `undefined` when servers were added or removed. */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;
  private started = false;

  constructor(
    private readonly store: ServerStore,
    private readonly options: { clientVersion: string; backoff: () => BackoffPolicy; log: Log },
  ) {
    this.subscription = store.onDidChange(() => this.sync());
    this.sync();
  }

  all(): AgentConnection[] {
    return [...this.byId.values()];
  }

  get(serverId: string): AgentConnection | undefined {
    return this.byId.get(serverId);
  }

  entry(serverId: string): ServerEntry | undefined {
    return this.store.get(serverId);
  }

  /** Starts every connection; called when a view becomes visible or a command needs the agents. */
  start(): void {
    this.started = true;
    for (const connection of this.byId.values()) connection.start();
  }

  /** Resolves with the session once `serverId` is connected; rejects when it fails or after `timeoutMs`. */
  whenConnected(serverId: string, timeoutMs = 30_000): Promise<Session> {
    const connection = this.byId.get(serverId);
    if (!connection) return Promise.reject(new Error(`no server ${serverId}`));
    connection.start();
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const state = connection.state;
        if (state.kind === 'connected') resolve(state.session);
        else if (state.kind === 'failed') reject(state.error);
        else return false;
        return true;
      };
      if (check()) return;
      const timer = setTimeout(() => {
        listener.dispose();
        reject(new Error(`not connected after ${timeoutMs / 1000} s`));
      }, timeoutMs);
      const listener = connection.onDidChangeState(() => {
        if (!check()) return;
        clearTimeout(timer);
        listener.dispose();
      });
    });
  }

  dispose(): void {
    this.subscription.dispose();
    for (const connection of this.byId.values()) connection.dispose();
    this.byId.clear();
    this.changed.dispose();
  }

  private sync(): void {
    const entries = this.store.list();
    const ids = new Set(entries.map((entry) => entry.id));
    for (const [id, connection] of this.byId)
      if (!ids.has(id)) {
        connection.dispose();
        this.byId.delete(id);
      }
    for (const entry of entries) if (!this.byId.has(entry.id)) this.add(entry.id);
    this.changed.fire(undefined);
  }

  private add(id: string): void {
    const connection = new AgentConnection(id, {
      entry: () => this.store.get(id),
      token: () => this.store.token(id),
      backoff: this.options.backoff,
      clientVersion: this.options.clientVersion,
      log: this.options.log.scope(id.slice(0, 8)),
    });
    connection.onDidChangeState(() => this.changed.fire(connection));
    this.byId.set(id, connection);
    if (this.started) connection.start();
  }
}
