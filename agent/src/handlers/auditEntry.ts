import { ErrorCode, RpcError } from '@paas/protocol';
import { actorOf, type Caller } from '../caller';
import { nowIso } from '../ids';
import { redactSecrets } from '../redact';
import type { AuditEntry } from '../store/audit';
import type { AuditScope } from './handler';

const REFUSALS = new Set<number>([ErrorCode.Forbidden, ErrorCode.Unauthorized]);

/**
 * The audit entry of a request (JSON-RPC mutation or transfer route): who, what, where, and how it ended.
 * Params are stored with their secrets removed.
 */
export function auditEntryOf(
  caller: Caller,
  scope: AuditScope,
  action: string,
  target: string | undefined,
  params: unknown,
  error?: unknown,
): AuditEntry {
  const code = error instanceof RpcError ? error.code : error === undefined ? null : ErrorCode.InternalError;
  return {
    at: nowIso(),
    actor: actorOf(caller),
    action,
    target: scope.target ?? target ?? null,
    organizationId: scope.organizationId ?? null,
    projectId: scope.projectId ?? null,
    outcome: code === null ? 'succeeded' : REFUSALS.has(code) ? 'refused' : 'failed',
    errorCode: code,
    source: caller.source,
    params: redactSecrets(params),
  };
}
