import * as vscode from 'vscode';
import { allowedActions, contextValue } from '../contextValue';
import type { ProjectModel } from './projectTree';
import type { NodeContext } from './nodeContext';

function repositoryName(url: string): string {
  return url
    .replace(/\.git$/, '')
    .split(/[/:]/)
    .slice(-2)
    .join('/');
}

export function projectTreeItem(model: ProjectModel, context: NodeContext): vscode.TreeItem {
  const { project } = model;
  const item = new vscode.TreeItem(project.name, vscode.TreeItemCollapsibleState.Expanded);
  item.id = model.key;
  item.iconPath = new vscode.ThemeIcon('project');
  const server = context.serverName(model.serverKey);
  item.description = [repositoryName(project.registry.url), context.multipleServers ? server : undefined]
    .filter(Boolean)
    .join(' · ');
  item.tooltip = new vscode.MarkdownString(
    [
      `**${project.name}**`,
      '',
      `Id: \`${project.id}\``,
      `Registry: \`${project.registry.url}\``,
      `Server: ${server}`,
    ].join('  \n'),
  );
  item.contextValue = contextValue(
    'project',
    {},
    allowedActions(context.permissions(model.serverKey, project.id), [
      'project.settings',
      'project.delete',
      'plan.manage',
      'audit.read',
    ]),
  );
  return item;
}
