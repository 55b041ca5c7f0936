import * as vscode from 'vscode';
import { themeIcon } from '../icon';
import type { ConnectionState } from '../../client/connectionState';
import { describeState, needsSignIn } from '../../client/connectionState';
import type { ServerEntry } from '../../client/serverStore';
import { contextValue } from '../contextValue';
import { stateColor, stateIcon } from '../stateIcon';
import { metricsCard, metricsSummary } from './serverCard';
import type { ServerInfo } from './serverData';

/** A configured agent in the Servers view. Commands read `serverId` from it. */
export class ServerNode {
  readonly kind = 'server';
  constructor(readonly serverId: string) {}
}

function tooltip(
  entry: ServerEntry,
  state: ConnectionState,
  info: ServerInfo,
  organization: string | undefined,
): vscode.MarkdownString {
  const lines = [`**${entry.name}** — ${describeState(state)}`, '', `URL: \`${entry.url}\``];
  if (organization) lines.push(`Organization: ${organization} (PaaS: Switch Organization… to change)`);
  if (info.server) lines.push(`Host: ${info.server.hostname} (server id \`${info.server.id}\`)`);
  if (state.kind === 'connected') {
    const session = state.session;
    lines.push(`Agent: ${session.agentVersion}, protocol ${session.protocolVersion}`);
    const role = session.permissions ? ` (${session.permissions.role})` : '';
    lines.push(
      `User: ${session.user.displayName} <${session.user.email}>, token ${session.tokenName}${role}`,
    );
  }
  if (info.sample) lines.push('', ...metricsCard(info.sample));
  if (entry.pin) lines.push(`Certificate SHA-256: \`${entry.pin.fingerprint}\``);
  const md = new vscode.MarkdownString(lines.join('  \n'));
  md.supportThemeIcons = true;
  return md;
}

export function serverTreeItem(
  entry: ServerEntry,
  state: ConnectionState,
  info: ServerInfo,
  /** The current organization's name there, once known. */
  organization?: string,
): vscode.TreeItem {
  const item = new vscode.TreeItem(entry.name, vscode.TreeItemCollapsibleState.None);
  item.id = `server:${entry.id}`;
  item.description =
    state.kind !== 'connected'
      ? describeState(state)
      : info.sample
        ? metricsSummary(info.sample)
        : (info.server?.hostname ?? 'connected');
  item.iconPath = themeIcon({ icon: stateIcon(state), color: stateColor(state) });
  item.tooltip = tooltip(entry, state, info, organization);
  // The server's resources (database servers, storages, the engine) are the agent administrators', not
  // an organization role's.
  const administrator = state.kind === 'connected' && state.session.agentAdministrator;
  const signIn = needsSignIn(state);
  const certificate =
    state.kind === 'failed' && state.error.code === 'PAAS_CERT_CHANGED' ? 'certificateChanged' : state.kind;
  item.contextValue = contextValue(
    'server',
    { state: signIn ? 'signedOut' : certificate },
    administrator ? ['servers.manage'] : [],
  );
  if (signIn) {
    // The token is missing here (code-server keeps secrets per browser): a click asks for it, nothing else.
    item.description = `Sign in to ${entry.name}`;
    item.command = {
      command: 'paas.server.signIn',
      title: `Sign in to ${entry.name}`,
      arguments: [{ serverId: entry.id }],
    };
  }
  return item;
}
