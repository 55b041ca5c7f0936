import type { TemplateResult } from 'lit';
import type { Message } from '../../messages/dispatch';
import type { Host } from './host';
import { Store } from './store';

/**
 * Creates a screen's store over `#root`, saves every state through the host, and marks the root with
 * `data-rendered` and a `webview:render:<n>` performance mark after each render (tests and the
 * benchmark wait on them).
 */
export function mount<S, Out extends Message>(
  initial: S,
  view: (state: S) => TemplateResult,
  host: Host<Out, S>,
  /** What to keep of a state (e.g. without secrets: webview state is stored unencrypted). */
  toSaved: (state: S) => S = (state) => state,
): Store<S> {
  const root = document.getElementById('root');
  if (!root) throw new Error('webview page has no #root element');
  const store = new Store(initial, view, root, (state) => host.saveState(toSaved(state)));
  let renders = 0;
  store.onRendered(() => {
    renders += 1;
    root.dataset.rendered = String(renders);
    performance.mark(`webview:render:${renders}`);
  });
  store.renderNow();
  return store;
}
