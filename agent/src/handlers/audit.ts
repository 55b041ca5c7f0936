import { ErrorCode, ListAuditEntries, RpcError, type AuditEntry } from '@paas/protocol';
import type { Db } from '../store/database';
import { listAudit, type StoredAuditEntry } from '../store/audit';
import { findUser, publicUser } from '../store/users';
import { requireAction } from './authorize';
import { defineHandler } from './handler';

function cursorToId(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined;
  if (!/^[1-9]\d{0,15}$/.test(cursor)) {
    throw new RpcError(ErrorCode.InvalidParams, 'cursor: not a cursor this agent issued', {
      issues: [{ path: ['cursor'], message: 'not a cursor this agent issued' }],
    });
  }
  return Number(cursor);
}

/** A bare user id filters on that user; anything with a colon is an actor string as stored. */
function actorFilter(actor: string | undefined): string | undefined {
  return actor === undefined || actor.includes(':') ? actor : `user:${actor}`;
}

function withActorUser(db: Db, entry: StoredAuditEntry): AuditEntry {
  const userId = entry.actor.startsWith('user:') ? entry.actor.slice('user:'.length) : undefined;
  const user = userId === undefined ? undefined : findUser(db, userId);
  return { ...entry, actorUser: user ? publicUser(user) : null };
}

export function auditHandler(db: Db) {
  return defineHandler({
    type: ListAuditEntries,
    // A project's log needs Admin on the project; an organization's needs Admin or Owner there.
    authorize: (params, context) =>
      params.projectId
        ? requireAction(context, 'audit.read', { projectId: params.projectId })
        : requireAction(context, 'audit.read', { organizationId: params.organizationId }),
    handle: (params, _context, grant) => {
      const scope = params.projectId
        ? { projectId: params.projectId }
        : { organizationId: grant.organizationId! };
      const page = listAudit(db, {
        scope,
        actor: actorFilter(params.actor),
        action: params.action,
        target: params.target,
        from: params.from,
        to: params.to,
        beforeId: cursorToId(params.cursor),
        limit: params.limit,
      });
      const entries = page.entries.map((entry) => withActorUser(db, entry));
      const last = entries.at(-1);
      return { entries, nextCursor: page.more && last ? String(last.id) : undefined };
    },
  });
}
