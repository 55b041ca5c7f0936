import type { ParamsOf, RequestType, ResultOf } from '@paas/protocol';

/**
 * The one thing panels need from an agent connection: typed requests made with the user's token.
 * The extension's `AgentConnection` satisfies it; webviews never talk to an agent themselves.
 */
export interface AgentRequester {
  request<T extends RequestType>(type: T, params: ParamsOf<T>): Promise<ResultOf<T>>;
}

/** Where panels log: the extension's scoped `Log` satisfies it. Never pass it a token. */
export interface WebviewLog {
  debug(message: string): void;
  warn(message: string): void;
  error(message: string | Error): void;
}
