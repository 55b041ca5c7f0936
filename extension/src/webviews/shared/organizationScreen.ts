import type * as vscode from 'vscode';
import type { ErrorView } from '../messages/envelope';
import { errorViewOf } from './errorView';
import type { WebviewLog } from './agent';

/** What an organization screen posts when its lists arrive or fail to. */
type LoadMessage<M> = { type: 'init'; model: M } | { type: 'loadFailed'; error: ErrorView };

/**
 * Sends an organization screen its model (on `ready`, on Refresh, after every change), titling the tab
 * `<organization> — <screen>`. A failed load is shown in the page as the agent said it, not as a toast.
 */
export function modelSender<M extends { organization: { name: string } }>(
  post: (message: LoadMessage<M>) => void,
  panel: vscode.WebviewPanel,
  screen: string,
  load: () => Promise<M>,
  log: WebviewLog,
): () => Promise<void> {
  return async () => {
    try {
      const model = await load();
      panel.title = `${model.organization.name} — ${screen}`;
      post({ type: 'init', model });
    } catch (error) {
      log.warn(`[${screen}] loading failed: ${error instanceof Error ? error.message : String(error)}`);
      post({ type: 'loadFailed', error: errorViewOf(error) });
    }
  };
}

/** Runs a change, then re-sends the lists, so the screen shows what the agent holds. */
export function thenReload(sendModel: () => Promise<void>) {
  return <A extends unknown[]>(change: (...args: A) => Promise<void>) =>
    async (...args: A): Promise<void> => {
      await change(...args);
      await sendModel();
    };
}
