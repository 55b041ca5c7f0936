import * as vscode from 'vscode';
import type { MenuEntryModel } from './projectTree';

/** A project screen in the Projects view: a click opens it for the node's project. */
export function menuEntryTreeItem(model: MenuEntryModel): vscode.TreeItem {
  const { entry } = model;
  const item = new vscode.TreeItem(entry.label, vscode.TreeItemCollapsibleState.None);
  item.id = model.key;
  item.iconPath = new vscode.ThemeIcon(entry.icon);
  item.contextValue = `projectScreen screen:${entry.id}`;
  item.tooltip = `Open ${entry.label}`;
  item.command = {
    command: entry.command,
    title: entry.label,
    arguments: [{ serverId: model.serverKey, projectId: model.projectId }],
  };
  return item;
}
