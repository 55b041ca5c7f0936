import { RestartApp, StartApp, StopApp, type App } from '@paas/protocol';
import * as vscode from 'vscode';
import { settings } from '../../config';
import { required, type Command } from '../command';
import { chooseApp } from './chooseApp';

type Operation = typeof StopApp | typeof StartApp | typeof RestartApp;

/** Stop, Start and Restart differ only in the request, the wording and whether they interrupt users. */
function operation(id: string, request: Operation, verb: string, interrupts: boolean): Command {
  return {
    id,
    async run(context, target?: unknown, options?: unknown): Promise<App> {
      const chosen = await chooseApp(context, target, 'app.operate');
      const confirmed = (options as { confirm?: boolean } | undefined)?.confirm === false;
      if (interrupts && settings().confirmDestructiveActions && !confirmed) {
        const button = `${verb} ${chosen.app.name}`;
        required(
          await vscode.window.showWarningMessage(
            `${verb} the app "${chosen.app.name}"?`,
            { modal: true, detail: `Its users are cut off until it is back. ${chosen.app.url ?? ''}` },
            button,
          ),
        );
      }
      const { app } = await vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: `PaaS.sh: ${verb.toLowerCase()}ing ${chosen.app.name}…`,
        },
        () => chosen.connection.request(request, { appId: chosen.app.id }),
      );
      return app;
    },
  };
}

export const stopApp = operation('paas.app.stop', StopApp, 'Stop', true);
export const startApp = operation('paas.app.start', StartApp, 'Start', false);
export const restartApp = operation('paas.app.restart', RestartApp, 'Restart', true);
