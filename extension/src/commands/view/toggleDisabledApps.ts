import * as vscode from 'vscode';
import type { Command } from '../command';

async function setShowDisabled(show: boolean): Promise<void> {
  await vscode.workspace
    .getConfiguration('paas')
    .update('showDisabledApps', show, vscode.ConfigurationTarget.Global);
}

export const showDisabledApps: Command = {
  id: 'paas.view.showDisabledApps',
  run: () => setShowDisabled(true),
};

export const hideDisabledApps: Command = {
  id: 'paas.view.hideDisabledApps',
  run: () => setShowDisabled(false),
};
