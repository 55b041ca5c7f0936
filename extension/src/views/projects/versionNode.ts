import * as vscode from 'vscode';
import { contextValue } from '../contextValue';
import type { VersionModel } from './projectTree';

export function versionTreeItem(model: VersionModel): vscode.TreeItem {
  const item = new vscode.TreeItem(`Odoo ${model.version}`, vscode.TreeItemCollapsibleState.Expanded);
  item.id = model.key;
  item.iconPath = new vscode.ThemeIcon('versions');
  item.description =
    model.archived > 0 ? `${model.active} active · ${model.archived} archived` : `${model.active} active`;
  item.contextValue = contextValue('version', { env: model.environmentType });
  return item;
}
