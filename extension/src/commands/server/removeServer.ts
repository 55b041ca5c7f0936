import * as vscode from 'vscode';
import { required, type Command } from '../command';
import { chooseServer } from './chooseServer';

export const removeServer: Command = {
  id: 'paas.server.remove',
  async run(context, target?: unknown, options?: unknown): Promise<boolean> {
    const entry = await chooseServer(context, target, 'Server to remove');
    const skipConfirmation = (options as { confirm?: boolean } | undefined)?.confirm === false;
    if (!skipConfirmation) {
      const remove = 'Remove';
      required(
        await vscode.window.showWarningMessage(
          `Remove the server "${entry.name}"?`,
          {
            modal: true,
            detail: `${entry.url}\nIts token and pinned certificate are forgotten. Nothing changes on the server.`,
          },
          remove,
        ),
      );
    }
    await context.store.remove(entry.id);
    context.log.info(`removed server ${entry.name} (${entry.url})`);
    return true;
  },
};
