import * as vscode from 'vscode';
import type { Command } from '../command';
import { chooseApp } from './chooseApp';

/** Opens the app's URL in the browser. */
export const openApp: Command = {
  id: 'paas.app.open',
  async run(context, target?: unknown): Promise<string> {
    const { app } = await chooseApp(context, target, 'app.open');
    if (!app.url) throw new Error(`${app.name} has no URL yet: deploy it first`);
    await vscode.env.openExternal(vscode.Uri.parse(app.url));
    return app.url;
  },
};
