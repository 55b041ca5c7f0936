import type { ErrorView } from '../messages/envelope';
import type { WebviewLog } from './agent';
import { errorViewOf } from './errorView';

/**
 * Loads a screen's model and posts it, or posts why it could not be loaded: the page shows the failure in
 * place (with Refresh) rather than staying on "Loading…" behind a notification.
 */
export async function postModel<M>(
  screen: string,
  load: () => Promise<M>,
  post: (message: { type: 'init'; model: M } | { type: 'loadFailed'; error: ErrorView }) => void,
  log: WebviewLog,
): Promise<M | undefined> {
  try {
    const model = await load();
    post({ type: 'init', model });
    return model;
  } catch (error) {
    log.warn(`[${screen}] loading failed: ${error instanceof Error ? error.message : String(error)}`);
    post({ type: 'loadFailed', error: errorViewOf(error) });
    return undefined;
  }
}
