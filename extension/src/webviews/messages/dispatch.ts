/**
 * Typed dispatch shared by the extension and the webviews (no runtime imports, so webview bundles stay
 * small). Messages are discriminated unions on `type`; a handler map must name every member of the union,
 * so adding a message without handling it is a compile error instead of a silently ignored string.
 */

/** Any message between a webview and the extension. */
export interface Message {
  readonly type: string;
}

/** One handler per message type, each receiving exactly its own message shape. */
export type HandlerMap<M extends Message, R = void> = {
  readonly [T in M['type']]: (message: Extract<M, { type: T }>) => R;
};

/** Calls the handler for `message.type`. */
export function dispatch<M extends Message, R>(handlers: HandlerMap<M, R>, message: M): R {
  const handler = handlers[message.type as M['type']] as (message: M) => R;
  return handler(message);
}
