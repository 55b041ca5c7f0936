import type { EnvironmentType } from '@paas/protocol';
import * as vscode from 'vscode';
import { allowedActions, contextValue } from '../contextValue';
import type { EnvironmentModel } from './projectTree';
import { serverKeyOf, type NodeContext } from './nodeContext';

/** The dashboard's environment tab colours: production red, staging yellow, development green. */
const LOOK: Record<EnvironmentType, { label: string; color: string }> = {
  production: { label: 'Production', color: 'charts.red' },
  staging: { label: 'Staging', color: 'charts.yellow' },
  development: { label: 'Development', color: 'charts.green' },
};

export function environmentLabel(type: EnvironmentType): string {
  return LOOK[type].label;
}

export function environmentTreeItem(model: EnvironmentModel, context: NodeContext): vscode.TreeItem {
  const { environment } = model;
  const look = LOOK[environment.type];
  const item = new vscode.TreeItem(
    look.label,
    model.versions.length > 0
      ? vscode.TreeItemCollapsibleState.Expanded
      : vscode.TreeItemCollapsibleState.None,
  );
  item.id = model.key;
  item.iconPath = new vscode.ThemeIcon('circle-large-filled', new vscode.ThemeColor(look.color));
  item.description = `${model.deployed}/${model.total}`;
  item.tooltip = `${look.label}: ${model.deployed} deployed of ${model.total} apps\nEnvironment id: ${environment.id}`;
  const permissions = context.permissions(serverKeyOf(model.key), environment.projectId);
  item.contextValue = contextValue(
    'environment',
    { env: environment.type },
    allowedActions(
      permissions,
      ['app.create', 'environment.automate', 'environment.destroy'],
      environment.type,
    ),
  );
  return item;
}
