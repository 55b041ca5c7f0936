import { ErrorCode, REQUESTS, RpcError, invalidParams, type MessageId } from '@paas/protocol';
import type { AccessResolver } from '../services/access';
import type { AuditEntry } from '../store/audit';
import type { ClientConnection } from '../transport/connection';
import { auditEntryOf } from './auditEntry';
import { DispatchedContext } from './context';
import type { Handler, RequestContext } from './handler';

/**
 * Routes requests to handlers: the handshake gate, schema validation, authorization, the audit entry for
 * every mutation (allowed or refused), and validation of the result before it leaves. Results pass through
 * their schema, so a field the protocol does not declare (a stored secret, say) can never be sent.
 */
export class Dispatcher {
  private readonly handlers = new Map<string, Handler>();
  /** The handshake in flight per connection, so requests pipelined right behind it wait for it. */
  private readonly handshakes = new WeakMap<ClientConnection, Promise<unknown>>();

  constructor(
    handlers: readonly Handler[],
    private readonly audit: (entry: AuditEntry) => void,
    private readonly access: AccessResolver,
  ) {
    for (const handler of handlers) {
      if (this.handlers.has(handler.type.method)) throw new Error(`two handlers for ${handler.type.method}`);
      this.handlers.set(handler.type.method, handler);
    }
    const missing = REQUESTS.filter((request) => !this.handlers.has(request.method)).map((r) => r.method);
    if (missing.length > 0) throw new Error(`no handler for ${missing.join(', ')}`);
  }

  /** Makes this dispatcher answer the connection's requests. */
  attach(connection: ClientConnection): void {
    connection.peer.setDispatcher((method, params, id) => {
      if (method !== 'initialize') return this.afterHandshake(connection, method, params, id);
      const handshake = this.dispatch(connection, method, params, id);
      this.handshakes.set(connection, handshake);
      return handshake;
    });
  }

  private async afterHandshake(
    connection: ClientConnection,
    method: string,
    params: unknown,
    id: MessageId,
  ): Promise<unknown> {
    const handshake = this.handshakes.get(connection);
    if (!connection.initialized && handshake) await handshake.catch(() => undefined);
    return this.dispatch(connection, method, params, id);
  }

  private async dispatch(
    connection: ClientConnection,
    method: string,
    rawParams: unknown,
    id: MessageId,
  ): Promise<unknown> {
    const handler = this.handlers.get(method);
    if (!handler) throw new RpcError(ErrorCode.MethodNotFound, `unknown method ${method}`);
    if (!connection.initialized && method !== 'initialize') {
      throw new RpcError(ErrorCode.NotInitialized, 'the first request must be initialize');
    }
    const context = new DispatchedContext(connection, this.access, method, id);
    const audited = handler.type.kind === 'mutation';
    const parsed = handler.type.params.safeParse(rawParams);
    if (!parsed.success) {
      const error = invalidParams(method, parsed.error);
      if (audited) this.record(context, method, undefined, rawParams, error);
      throw error;
    }
    const target = handler.target?.(parsed.data);
    try {
      const grant = await handler.authorize(parsed.data, context);
      const result = await handler.handle(parsed.data, context, grant);
      const checked = handler.type.result.safeParse(result);
      if (!checked.success) {
        context.log.error({ issues: checked.error.issues }, 'handler result does not match its schema');
        throw new RpcError(ErrorCode.InternalError, 'internal error');
      }
      if (audited) this.record(context, method, target, parsed.data);
      return checked.data;
    } catch (error) {
      if (audited) this.record(context, method, target, parsed.data, error);
      throw error;
    }
  }

  private record(
    context: RequestContext,
    action: string,
    target: string | undefined,
    params: unknown,
    error?: unknown,
  ): void {
    const entry = auditEntryOf(context.caller, context.audit, action, target, params, error);
    this.audit(entry);
    const others = new Set(context.audit.alsoOrganizationIds);
    others.delete(entry.organizationId ?? '');
    for (const organizationId of others) this.audit({ ...entry, organizationId, projectId: null });
  }
}
