import * as vscode from 'vscode';
import type { Connections } from '../../client/connections';
import type { OrganizationChoice } from '../../client/organizationChoice';
import type { ServerStore } from '../../client/serverStore';
import type { ServerData } from './serverData';
import { ServerNode, serverTreeItem } from './serverNode';

/** The Servers view: one node per configured agent, its state and (once connected) its machine. */
export class ServersProvider implements vscode.TreeDataProvider<ServerNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ServerNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly nodes = new Map<string, ServerNode>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly store: ServerStore,
    private readonly connections: Connections,
    private readonly data: ServerData,
    /** Each server's current organization, shown on its node. */
    private readonly organizations?: OrganizationChoice,
  ) {
    this.subscriptions = [
      connections.onDidChange((connection) =>
        this.changed.fire(connection ? this.nodes.get(connection.serverId) : undefined),
      ),
      data.onDidChange((serverId) => this.changed.fire(this.nodes.get(serverId))),
    ];
    if (organizations)
      this.subscriptions.push(
        organizations.onDidChange((serverId) => this.changed.fire(this.nodes.get(serverId))),
      );
  }

  getChildren(element?: ServerNode): ServerNode[] {
    if (element) return [];
    const entries = this.store.list();
    for (const id of this.nodes.keys()) if (!entries.some((entry) => entry.id === id)) this.nodes.delete(id);
    return entries.map((entry) => this.node(entry.id));
  }

  getParent(): undefined {
    return undefined;
  }

  getTreeItem(node: ServerNode): vscode.TreeItem {
    const entry = this.store.get(node.serverId);
    if (!entry) return new vscode.TreeItem('(removed)');
    const state = this.connections.get(node.serverId)?.state ?? { kind: 'idle' };
    return serverTreeItem(
      entry,
      state,
      this.data.get(node.serverId),
      this.organizations?.get(node.serverId)?.name,
    );
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
  }

  /** Nodes are kept per server so `reveal` and partial refreshes find the same object. */
  private node(serverId: string): ServerNode {
    let node = this.nodes.get(serverId);
    if (!node) {
      node = new ServerNode(serverId);
      this.nodes.set(serverId, node);
    }
    return node;
  }
}
