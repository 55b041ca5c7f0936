import type * as vscode from 'vscode';
import {
  BackupsToExtensionSchema,
  type BackupsModel,
  type BackupsToExtension,
  type BackupsToWebview,
} from '../messages/backups';
import type { ScreenSpec } from '../shared/panelHost';
import { PanelRegistry, keyOf, screenTitle, type ProjectKey } from '../shared/panels';
import { showScreen, type Screen, type ScreenDeps } from '../shared/screenPanel';

/** The backup catalog over the backups protocol. Restore and delete ask for confirmation first. */
export interface BackupsBackend {
  load(ref: ProjectKey): Promise<BackupsModel>;
  restore(ref: ProjectKey, backupId: string): Promise<void>;
  /** Asks the format and where to save, then streams the archive from the agent; done once saved. */
  download(ref: ProjectKey, backupId: string): Promise<void>;
  delete(ref: ProjectKey, backupId: string): Promise<void>;
  /**
   * Asks the app and the zip, uploads it and queues the import: resolves once the job is accepted, with
   * `done`, settled when the job ended.
   */
  importBackup(ref: ProjectKey): Promise<{ done: Promise<unknown> }>;
  /** Calls `onChange` whenever a backup of the project is added or changes, until disposed. */
  watch(ref: ProjectKey, onChange: () => void): vscode.Disposable;
}

/** A running backup changes several times in a row: one reload covers a burst. */
const RELOAD_DELAY_MS = 300;

export interface BackupsDeps extends ScreenDeps {
  backend: BackupsBackend;
}

const SPEC: ScreenSpec<BackupsToExtension> = {
  viewType: 'paas.backups',
  screen: 'backups',
  title: 'Backups',
  inbound: BackupsToExtensionSchema,
};
const open = new PanelRegistry<Screen<BackupsToWebview>>();

export function showBackups(deps: BackupsDeps, ref: ProjectKey): Screen<BackupsToWebview> {
  const b = deps.backend;
  return showScreen(open, SPEC, deps, keyOf(ref), (post, panel) => {
    const sendModel = async (): Promise<void> => {
      const model = await b.load(ref);
      panel.title = screenTitle(model.projectName, 'Backups');
      post({ type: 'init', model });
    };
    let reload: NodeJS.Timeout | undefined;
    const watching = b.watch(ref, () => {
      clearTimeout(reload);
      reload = setTimeout(() => {
        sendModel().catch((error: unknown) => deps.log.warn(`[backups] reload failed: ${String(error)}`));
      }, RELOAD_DELAY_MS);
    });
    panel.onDidDispose(() => {
      clearTimeout(reload);
      watching.dispose();
    });
    return {
      onReady: sendModel,
      handlers: {
        refresh: sendModel,
        restore: ({ backupId }) => b.restore(ref, backupId),
        download: ({ backupId }) => b.download(ref, backupId),
        delete: async ({ backupId }) => {
          await b.delete(ref, backupId);
          await sendModel();
        },
        importBackup: async () => {
          const { done } = await b.importBackup(ref);
          await sendModel();
          // `backups/didChange` shows the imported row live; the job's end reloads once more in case a
          // notification was lost to a reconnection.
          void done.then(sendModel).catch((error: unknown) => deps.log.warn(`[backups] ${String(error)}`));
        },
      },
    };
  });
}
