import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode, RpcError, httpStatusOf, type TransferError } from '@paas/protocol';
import type { Caller } from '../../caller';
import type { Logger } from '../../log';
import type { AccessResolver } from '../../services/access';
import { toRpcError } from '../../services/adapterErrors';
import type { AuditEntry } from '../../store/audit';
import type { Authenticator } from '../../transport/auth';
import { answerAuthFailure } from '../../transport/bearerRoute';
import type { HttpRoute } from '../../transport/server';
import { auditEntryOf } from '../auditEntry';
import type { AuthorizationContext } from '../authorize';
import type { AuditScope } from '../handler';

export interface TransferDeps {
  authenticator: Authenticator;
  access: AccessResolver;
  audit: (entry: AuditEntry) => void;
  log: Logger;
}

/** What a transfer's work sees: the caller for authorization, and what its audit entry records. */
export interface TransferContext extends AuthorizationContext {
  readonly caller: Caller;
  readonly audit: AuditScope;
  /** Set by the work: the audited target and params (never a secret). */
  target?: string;
  params?: unknown;
  /** Aborted when the client goes away before the answer is complete. */
  readonly signal: AbortSignal;
}

/** A transfer failure as a protocol error; internals of unexpected failures stay in the agent's log. */
function rpcErrorOf(error: unknown): RpcError {
  const rpc = toRpcError(error);
  if (rpc instanceof RpcError) return rpc;
  return new RpcError(ErrorCode.InternalError, 'internal error (see the agent log)', undefined, {
    cause: error,
  });
}

/**
 * Answers a failure with its HTTP status and a `TransferErrorSchema` body. `Connection: close`: the rest of
 * a refused upload's body is not worth reading, the socket closes after the answer instead.
 */
export function answerError(response: ServerResponse, error: RpcError): void {
  const body: TransferError = { error: { code: error.code, message: error.message } };
  response
    .writeHead(httpStatusOf(error.code), { 'Content-Type': 'application/json', Connection: 'close' })
    .end(JSON.stringify(body));
}

/**
 * A transfer route (`GET /backups/<id>/download`, `PUT /uploads`): the bearer token checked as on the
 * WebSocket upgrade, then `work` authorizes through the access table like a handler, and one audit entry
 * records how it ended. An error before the answer started gets its status and a JSON body; one after
 * (the stream broke) ends the response abruptly, so the client cannot take a cut archive for whole.
 */
export function transferRoute(
  deps: TransferDeps,
  action: string,
  work: (request: IncomingMessage, response: ServerResponse, context: TransferContext) => Promise<void>,
): HttpRoute {
  return (request, response) => {
    const serve = async (): Promise<void> => {
      const outcome = await deps.authenticator.authenticate(request);
      if (!outcome.ok) {
        const code = outcome.status === 401 ? ErrorCode.Unauthorized : ErrorCode.RateLimited;
        const body: TransferError = { error: { code, message: outcome.reason } };
        return answerAuthFailure(response, outcome, 'application/json', JSON.stringify(body));
      }
      const abort = new AbortController();
      response.once('close', () => {
        if (!response.writableFinished) abort.abort(new Error('the client went away'));
      });
      const context: TransferContext = {
        caller: outcome.caller,
        access: deps.access,
        audit: {},
        signal: abort.signal,
      };
      try {
        await work(request, response, context);
        deps.audit(auditEntryOf(context.caller, context.audit, action, context.target, context.params));
      } catch (error) {
        const rpc = rpcErrorOf(error);
        deps.audit(auditEntryOf(context.caller, context.audit, action, context.target, context.params, rpc));
        if (rpc.code === ErrorCode.InternalError) deps.log.error({ err: error, action }, 'transfer failed');
        else deps.log.info({ action, code: rpc.code, reason: rpc.message }, 'transfer refused or failed');
        if (response.headersSent) response.destroy();
        else answerError(response, rpc);
      }
    };
    serve().catch((error: unknown) => {
      deps.log.error({ err: error, path: request.url }, 'transfer route failed');
      response.destroy();
    });
  };
}
