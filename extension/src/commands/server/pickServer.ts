import * as vscode from 'vscode';
import { describeState } from '../../client/connectionState';
import type { Command } from '../command';
import { stateIcon } from '../../views/stateIcon';

interface Action extends vscode.QuickPickItem {
  command: string;
  args: unknown[];
}

/** The status bar's quick pick: every server with its state, and what can be done with it. */
export const pickServer: Command = {
  id: 'paas.server.pick',
  async run(context): Promise<void> {
    context.connections.start();
    const items: (Action | vscode.QuickPickItem)[] = [];
    for (const connection of context.connections.all()) {
      const entry = context.store.get(connection.serverId);
      if (!entry) continue;
      const state = connection.state;
      items.push({ label: entry.name, kind: vscode.QuickPickItemKind.Separator });
      const target = { serverId: entry.id };
      items.push({
        label: `$(${stateIcon(state)}) ${entry.url}`,
        description: describeState(state),
        command:
          state.kind === 'failed' && state.error.code === 'PAAS_CERT_CHANGED'
            ? 'paas.server.trustCertificate'
            : 'paas.server.reconnect',
        args: [target],
      });
      items.push({
        label: '$(trash) Remove',
        description: entry.name,
        command: 'paas.server.remove',
        args: [target],
      });
    }
    items.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
    items.push({ label: '$(add) Add Server…', command: 'paas.server.add', args: [] });
    const picked = await vscode.window.showQuickPick(items, { placeHolder: 'PaaS.sh servers' });
    if (picked && 'command' in picked) await vscode.commands.executeCommand(picked.command, ...picked.args);
  },
};
