import type { Db } from './database';

/** One audit entry: who did what to which target, and how it ended. */
export interface AuditEntry {
  at: string;
  actor: string;
  action: string;
  target: string | null;
  outcome: 'succeeded' | 'refused' | 'failed';
  errorCode: number | null;
  source: string | null;
  /** The request's params with secrets removed (see `redactSecrets`). */
  params: unknown;
}

/** Appends an entry. There is deliberately no update or delete: the table's triggers refuse both. */
export function appendAudit(db: Db, entry: AuditEntry): void {
  db.prepare(
    `INSERT INTO audit_log (at, actor, action, target, outcome, error_code, source, params)
     VALUES (@at, @actor, @action, @target, @outcome, @errorCode, @source, @params)`,
  ).run({ ...entry, params: JSON.stringify(entry.params ?? {}) });
}
