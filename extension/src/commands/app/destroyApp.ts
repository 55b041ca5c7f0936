import { DestroyApp } from '@paas/protocol';
import * as vscode from 'vscode';
import { required, type Command } from '../command';
import { chooseApp } from './chooseApp';

/**
 * Deletes an app for good. Always asks, naming the app, whatever the confirmation setting; scripts pass
 * `{ confirmName }` equal to the app's name instead, the same check the agent makes.
 */
export const destroyApp: Command = {
  id: 'paas.app.destroy',
  async run(context, target?: unknown, options?: unknown): Promise<string> {
    const chosen = await chooseApp(context, target, 'app.destroy');
    const { app } = chosen;
    let confirmName = (options as { confirmName?: unknown } | undefined)?.confirmName;
    if (typeof confirmName !== 'string') {
      const button = `Destroy ${app.name}`;
      required(
        await vscode.window.showWarningMessage(
          `Destroy the app "${app.name}"?`,
          {
            modal: true,
            detail: `Its containers, database "${app.databaseName}", filestore and checkouts are deleted. This cannot be undone.`,
          },
          button,
        ),
      );
      confirmName = app.name;
    }
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `PaaS.sh: destroying ${app.name}…` },
      // The agent takes a final backup before destroying, as Odoo.sh users expect; it is listed in Backups.
      () =>
        chosen.connection.request(DestroyApp, {
          appId: app.id,
          confirmName: String(confirmName),
          skipFinalBackup: false,
        }),
    );
    context.log.info(`destroyed app ${app.name} (${app.id})`);
    return app.id;
  },
};
