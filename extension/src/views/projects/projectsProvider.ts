import * as vscode from 'vscode';
import type { Connections } from '../../client/connections';
import { settings } from '../../config';
import { appTreeItem } from './appNode';
import { environmentTreeItem } from './environmentNode';
import { menuEntryTreeItem } from './menuEntryNode';
import type { NodeContext } from './nodeContext';
import { projectTreeItem } from './projectNode';
import type { ProjectsData } from './projectsData';
import { visibleEntries } from './projectMenu';
import {
  buildProjectTree,
  childrenOf,
  type AppModel,
  type MenuEntryModel,
  type TreeModel,
} from './projectTree';
import { versionTreeItem } from './versionNode';

/**
 * The Projects view: project → its menu (`projectMenu.ts`) and environments → Odoo version → app, over
 * every connected server.
 */
export class ProjectsProvider implements vscode.TreeDataProvider<TreeModel>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeModel | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly parents = new Map<string, TreeModel>();
  private readonly byKey = new Map<string, TreeModel>();
  private readonly subscription: vscode.Disposable;
  private readonly context: NodeContext;

  constructor(
    private readonly connections: Connections,
    private readonly data: ProjectsData,
  ) {
    this.subscription = data.onDidChange(() => this.changed.fire(undefined));
    this.context = {
      serverName: (serverKey) => connections.entry(serverKey)?.name ?? serverKey,
      get multipleServers() {
        return connections.all().length > 1;
      },
      permissions: (serverKey, projectId) => data.permissions(serverKey, projectId),
      session: (serverKey) => {
        const state = connections.get(serverKey)?.state;
        return state?.kind === 'connected' ? state.session : undefined;
      },
    };
  }

  getChildren(element?: TreeModel): TreeModel[] {
    if (element) return this.childrenOf(element);
    this.parents.clear();
    this.byKey.clear();
    const showDisabled = settings().showDisabledApps;
    const roots = this.connections.all().flatMap((connection) => {
      const snapshot = this.data.snapshot(connection.serverId);
      if (!snapshot) return [];
      return buildProjectTree(
        {
          serverKey: connection.serverId,
          projects: snapshot.projects,
          environments: snapshot.environments,
          apps: [...snapshot.apps.values()],
        },
        { showDisabled },
      );
    });
    for (const root of roots) this.index(root, undefined);
    return roots;
  }

  getParent(element: TreeModel): TreeModel | undefined {
    return this.parents.get(element.key);
  }

  getTreeItem(element: TreeModel): vscode.TreeItem {
    switch (element.kind) {
      case 'project':
        return projectTreeItem(element, this.context);
      case 'environment':
        return environmentTreeItem(element, this.context);
      case 'version':
        return versionTreeItem(element);
      case 'app':
        return appTreeItem(element, this.context);
      case 'menuEntry':
        return menuEntryTreeItem(element);
    }
  }

  /** The app node currently shown for `appId`, for `reveal`. */
  appNode(appId: string): AppModel | undefined {
    for (const node of this.byKey.values()) if (node.kind === 'app' && node.app.id === appId) return node;
    return undefined;
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  private index(node: TreeModel, parent: TreeModel | undefined): void {
    this.byKey.set(node.key, node);
    if (parent) this.parents.set(node.key, parent);
    for (const child of this.childrenOf(node)) this.index(child, node);
  }

  /** A project's menu entries come first, then its environments. */
  private childrenOf(node: TreeModel): TreeModel[] {
    if (node.kind !== 'project') return childrenOf(node);
    const context = {
      session: this.context.session(node.serverKey),
      permissions: this.context.permissions(node.serverKey, node.project.id),
    };
    const menu = visibleEntries(context).map((entry): MenuEntryModel => ({
      kind: 'menuEntry',
      key: `${node.key}/m:${entry.id}`,
      serverKey: node.serverKey,
      projectId: node.project.id,
      entry,
    }));
    return [...menu, ...node.environments];
  }
}
