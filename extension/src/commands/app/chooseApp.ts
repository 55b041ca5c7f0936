import type { Action, App } from '@paas/protocol';
import * as vscode from 'vscode';
import type { AgentConnection } from '../../client/agentConnection';
import { ConnectionError, ConnectionErrorCode } from '../../client/errors';
import { allowedActions } from '../../views/contextValue';
import { environmentLabel } from '../../views/projects/environmentNode';
import { required, type CommandContext } from '../command';

/** The app a command acts on, and the connection to the agent that runs it. */
export interface AppTarget {
  serverId: string;
  connection: AgentConnection;
  app: App;
}

function appIdOf(target: unknown): string | undefined {
  if (typeof target !== 'object' || target === null) return undefined;
  const node = target as { app?: { id?: unknown }; appId?: unknown };
  const id = node.app?.id ?? node.appId;
  return typeof id === 'string' ? id : undefined;
}

function connectionFor(context: CommandContext, serverId: string): AgentConnection {
  const connection = context.connections.get(serverId);
  if (!connection?.session)
    throw new ConnectionError(
      ConnectionErrorCode.NotConnected,
      `${context.store.get(serverId)?.name ?? 'the server'} is not connected`,
    );
  return connection;
}

/**
 * Resolves the app of a tree node or `{ appId }`, or asks for one among the apps the caller may take
 * `action` on (palette invocations).
 */
export async function chooseApp(
  context: CommandContext,
  target: unknown,
  action: Action,
): Promise<AppTarget> {
  context.connections.start();
  const appId = appIdOf(target);
  if (appId) {
    const found = context.data.findApp(appId);
    if (!found) throw new Error(`no app ${appId} on the connected servers`);
    return { ...found, connection: connectionFor(context, found.serverId) };
  }
  const candidates = [...context.data.apps()].filter(({ serverId, app }) => {
    const permissions = context.data.permissions(serverId, app.projectId);
    return allowedActions(permissions, [action], app.environmentType).length > 0;
  });
  if (candidates.length === 0)
    throw new Error('no app you may do this with; refresh the Projects view or add a server');
  const picked = await vscode.window.showQuickPick(
    candidates.map((candidate) => ({
      label: candidate.app.name,
      description: `${environmentLabel(candidate.app.environmentType)} · ${candidate.app.branch}`,
      detail: `${candidate.app.state}${candidate.app.url ? ` · ${candidate.app.url}` : ''}`,
      candidate,
    })),
    { placeHolder: 'Choose an app', matchOnDescription: true },
  );
  const chosen = required(picked).candidate;
  return { ...chosen, connection: connectionFor(context, chosen.serverId) };
}
