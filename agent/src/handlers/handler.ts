import type { ParamsOf, RequestType, ResultOf } from '@paas/protocol';
import type { Caller } from '../caller';
import type { Logger } from '../log';
import type { AccessResolver } from '../services/access';
import type { ClientConnection } from '../transport/connection';

/** What a handler knows about the request it is answering. */
export interface RequestContext {
  readonly caller: Caller;
  readonly connection: ClientConnection;
  /** Scoped to the request: component, connection, method, request id. */
  readonly log: Logger;
  /** Resolves the caller's effective role per project; all authorization goes through it. */
  readonly access: AccessResolver;
}

/**
 * Answers one protocol request. The dispatcher validates params against the request's schema before
 * `authorize` and `handle` run, and validates the result before it is sent.
 */
export interface Handler<T extends RequestType = RequestType> {
  readonly type: T;
  /** Throws a Forbidden `RpcError` when the caller may not do this; runs before anything else. */
  authorize(params: ParamsOf<T>, context: RequestContext): void | Promise<void>;
  handle(params: ParamsOf<T>, context: RequestContext): ResultOf<T> | Promise<ResultOf<T>>;
  /** The audit entry's target (e.g. `app:abc123`); only mutations are audited. */
  target?(params: ParamsOf<T>): string | undefined;
}

/** Declares a handler with its types inferred from the request it answers. */
export function defineHandler<T extends RequestType>(handler: Handler<T>): Handler {
  return handler as unknown as Handler;
}
