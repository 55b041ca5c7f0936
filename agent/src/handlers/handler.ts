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
  /**
   * Where the request's audit entry is filed. `requireAction` fills the organization and project; a
   * handler sets them (and `target`) itself when they are only known after it ran, e.g. on creation.
   */
  readonly audit: AuditScope;
}

/** The organization, project and target an audit entry is filed under. */
export interface AuditScope {
  organizationId?: string;
  projectId?: string;
  /** Overrides the handler's `target(params)`, e.g. with the id of what was just created. */
  target?: string;
  /**
   * Other organizations the request touches (an agent administrator renaming a storage their projects
   * use, say): each gets a copy of the entry in its own log, so no organization is changed unseen.
   */
  alsoOrganizationIds?: string[];
}

/**
 * Answers one protocol request. The dispatcher validates params against the request's schema before
 * `authorize` and `handle` run, and validates the result before it is sent.
 */
export interface Handler<T extends RequestType = RequestType, G = void> {
  readonly type: T;
  /**
   * Throws a Forbidden `RpcError` when the caller may not do this; runs before anything else. What it
   * returns (the grant: e.g. the organization and role it resolved) is handed to `handle`.
   */
  authorize(params: ParamsOf<T>, context: RequestContext): G | Promise<G>;
  handle(params: ParamsOf<T>, context: RequestContext, grant: G): ResultOf<T> | Promise<ResultOf<T>>;
  /** The audit entry's target (e.g. `app:abc123`); only mutations are audited. */
  target?(params: ParamsOf<T>): string | undefined;
}

/** Declares a handler with its types inferred from the request it answers. */
export function defineHandler<T extends RequestType, G = void>(handler: Handler<T, G>): Handler {
  return handler as unknown as Handler;
}
