import * as vscode from 'vscode';
import { themeIcon, type IconLook } from '../icon';
import { allowedActions, contextValue } from '../contextValue';
import { formatAge } from '../format';
import type { App } from '@paas/protocol';
import type { AppHealth, AppModel } from './projectTree';
import { serverKeyOf, type NodeContext } from './nodeContext';
import { environmentLabel } from './environmentNode';

const HEALTH_ICON: Record<AppHealth, IconLook> = {
  healthy: { icon: 'pass-filled', color: 'testing.iconPassed' },
  warning: { icon: 'warning', color: 'list.warningForeground' },
  error: { icon: 'error', color: 'list.errorForeground' },
  inProgress: { icon: 'sync~spin' },
  stopped: { icon: 'circle-slash', color: 'disabledForeground' },
};

/** The actions an app item may offer, each gated by the caller's permissions in its environment. */
const APP_ACTIONS = [
  'app.open',
  'app.viewLogs',
  'app.deploy',
  'app.update',
  'app.retry',
  'app.backup',
  'app.operate',
  'app.destroy',
] as const;

function shortCommit(sha: string | null): string {
  return sha ? sha.slice(0, 7) : 'not deployed';
}

function timestamp(label: string, iso: string | null): string {
  return iso ? `${label}: ${iso} (${formatAge(iso)})` : `${label}: never`;
}

/** The app card, in full, as the tooltip. */
function card(app: App, health: AppHealth, server: string): vscode.MarkdownString {
  const lines = [
    `**${app.name}** — ${app.state} (${health})`,
    '',
    `Id: \`${app.id}\``,
    `Branch: \`${app.branch}\``,
    `Commit: \`${app.commitSha ?? '—'}\``,
    `Odoo ${app.odooVersion} ${app.edition}, image \`${app.baseImage}\``,
    `Environment: ${environmentLabel(app.environmentType)}`,
    `URL: ${app.url ?? '—'}`,
    `Server: ${server}`,
    timestamp('Created', app.createdAt),
    timestamp('Updated', app.updatedAt),
    timestamp('Last deployed', app.lastDeployedAt),
    `Log: ${app.logStats.errors} errors, ${app.logStats.warnings} warnings`,
  ];
  if (app.lastError) lines.push(`Last error: ${app.lastError.code}: ${app.lastError.message}`);
  if (app.disabled) lines.push('Disabled (archived)');
  return new vscode.MarkdownString(lines.join('  \n'));
}

export function appTreeItem(model: AppModel, context: NodeContext): vscode.TreeItem {
  const app = model.app as App;
  const item = new vscode.TreeItem(app.name, vscode.TreeItemCollapsibleState.None);
  item.id = model.key;
  item.iconPath = themeIcon(HEALTH_ICON[model.health]);
  item.description = `${app.branch} · ${shortCommit(app.commitSha)}`;
  const serverKey = serverKeyOf(model.key);
  item.tooltip = card(app, model.health, context.serverName(serverKey));
  item.contextValue = contextValue(
    'app',
    {
      state: app.state,
      health: model.health,
      env: model.environmentType,
      url: app.url ? 'yes' : undefined,
      disabled: app.disabled ? 'yes' : undefined,
    },
    allowedActions(context.permissions(serverKey, app.projectId), APP_ACTIONS, model.environmentType),
  );
  return item;
}
