import { GetModuleDrift, type ModuleDrift, type ModuleDriftKind } from '@paas/protocol';
import * as vscode from 'vscode';
import type { Command } from '../command';
import { chooseApp } from './chooseApp';

/** The categories, in the order shown, with what each means for the next update. */
const GROUPS: readonly { drift: ModuleDriftKind; title: string }[] = [
  { drift: 'behind', title: 'Behind the branch (installed at another version)' },
  { drift: 'new', title: 'New in the branch (unknown to the database)' },
  { drift: 'notInstalled', title: 'Not installed' },
  { drift: 'removed', title: 'Removed from the branch (still installed)' },
  { drift: 'current', title: 'Current' },
];

function itemOf(module: ModuleDrift): vscode.QuickPickItem {
  return {
    label: module.name,
    description: `${module.installedVersion ?? '—'} → ${module.branchVersion ?? '—'}`,
    detail: module.state ? `state: ${module.state}` : 'not in the database',
  };
}

/**
 * Compares the app's installed modules with its branch at the deployed commit (`apps/moduleDrift`) and
 * shows them by category in a quick pick; resolves with what the agent answered.
 */
export const showModuleDrift: Command = {
  id: 'paas.app.moduleDrift',
  async run(context, target?: unknown) {
    const { connection, app } = await chooseApp(context, target, 'app.refresh');
    const drift = await connection.request(GetModuleDrift, { appId: app.id });
    const items: vscode.QuickPickItem[] = [];
    for (const group of GROUPS) {
      const modules = drift.modules.filter((m) => m.drift === group.drift);
      if (modules.length === 0) continue;
      items.push({ label: group.title, kind: vscode.QuickPickItemKind.Separator }, ...modules.map(itemOf));
    }
    void vscode.window.showQuickPick(items, {
      title: `Module drift of ${app.name} at ${drift.commitSha.slice(0, 7)}`,
      placeHolder: 'Modules of the database against the branch’s manifests',
    });
    return drift;
  },
};
