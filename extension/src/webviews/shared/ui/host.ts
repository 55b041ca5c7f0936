import { dispatch, type HandlerMap, type Message } from '../../messages/dispatch';

/** The API VS Code injects into webviews; `acquireVsCodeApi` may be called once per page. */
interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

/** A webview's typed link to the extension: posts `Out`, receives `In`, keeps `S` across hide/show/reload. */
export interface Host<Out extends Message, S> {
  post(message: Out): void;
  /** The state saved before the last hide or reload, if any. */
  readonly savedState: S | undefined;
  saveState(state: S): void;
}

/**
 * Installs the message handlers, then posts `ready`: the extension sends nothing before it, so nothing
 * can arrive before a handler exists.
 */
export function connect<In extends Message, Out extends Message, S>(handlers: HandlerMap<In>): Host<Out, S> {
  const api = acquireVsCodeApi();
  window.addEventListener('message', (event: MessageEvent<In>) => {
    const message = event.data;
    if (
      message &&
      typeof message === 'object' &&
      typeof message.type === 'string' &&
      message.type in handlers
    ) {
      dispatch(handlers, message);
    }
  });
  const host: Host<Out, S> = {
    post: (message) => api.postMessage(message),
    savedState: (api.getState() as S | null) ?? undefined,
    saveState: (state) => api.setState(state),
  };
  api.postMessage({ type: 'ready' });
  return host;
}

let lastRequest = 0;

/** A fresh id tying a request to its `requestDone` answer. */
export function newRequestId(): string {
  lastRequest += 1;
  return `r${Date.now().toString(36)}-${lastRequest}`;
}
