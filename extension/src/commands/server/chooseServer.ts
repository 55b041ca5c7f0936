import * as vscode from 'vscode';
import type { ServerEntry } from '../../client/serverStore';
import { describeState } from '../../client/connectionState';
import { required, type CommandContext } from '../command';

/** The server a command was invoked on: a tree node or `{ serverId }`, else one the user picks. */
export async function chooseServer(
  context: CommandContext,
  target: unknown,
  placeHolder: string,
): Promise<ServerEntry> {
  const serverId = (target as { serverId?: unknown } | undefined)?.serverId;
  if (typeof serverId === 'string') {
    const entry = context.store.get(serverId);
    if (!entry) throw new Error(`no server ${serverId}`);
    return entry;
  }
  const entries = context.store.list();
  if (entries.length === 0) throw new Error('no server is configured; add one first');
  if (entries.length === 1) return entries[0]!;
  const picked = await vscode.window.showQuickPick(
    entries.map((entry) => ({
      label: entry.name,
      description: entry.url,
      detail: describeState(context.connections.get(entry.id)?.state ?? { kind: 'idle' }),
      entry,
    })),
    { placeHolder },
  );
  return required(picked).entry;
}
