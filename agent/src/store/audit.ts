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
  /** The organization the request touched, so its admins can read the entry. */
  organizationId?: string | null;
  /** The project the request touched, for the project's Audit Logs tab. */
  projectId?: string | null;
}

/** Appends an entry. There is deliberately no update or delete: the table's triggers refuse both. */
export function appendAudit(db: Db, entry: AuditEntry): void {
  db.prepare(
    `INSERT INTO audit_log (at, actor, action, target, outcome, error_code, source, params, organization_id, project_id)
     VALUES (@at, @actor, @action, @target, @outcome, @errorCode, @source, @params, @organizationId, @projectId)`,
  ).run({
    ...entry,
    params: JSON.stringify(entry.params ?? {}),
    organizationId: entry.organizationId ?? null,
    projectId: entry.projectId ?? null,
  });
}

/** Which entries to read: one organization's or one project's, narrowed by the optional filters. */
export interface AuditQuery {
  readonly scope: { organizationId: string } | { projectId: string };
  readonly actor?: string;
  /** An exact action, or a prefix when it ends with `/`. */
  readonly action?: string;
  readonly target?: string;
  readonly from?: string;
  readonly to?: string;
  /** Only entries with a smaller id (the previous page's last). */
  readonly beforeId?: number;
  readonly limit: number;
}

export interface StoredAuditEntry extends Required<AuditEntry> {
  id: number;
}

interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  outcome: AuditEntry['outcome'];
  error_code: number | null;
  source: string | null;
  params: string;
  organization_id: string | null;
  project_id: string | null;
}

function whereOf(query: AuditQuery): { sql: string; values: unknown[] } {
  const clauses: string[] = [];
  const values: unknown[] = [];
  const add = (clause: string, ...clauseValues: unknown[]): void => {
    clauses.push(clause);
    values.push(...clauseValues);
  };
  if ('projectId' in query.scope) add('project_id = ?', query.scope.projectId);
  else add('organization_id = ?', query.scope.organizationId);
  if (query.actor !== undefined) add('actor = ?', query.actor);
  if (query.action?.endsWith('/')) add('substr(action, 1, ?) = ?', query.action.length, query.action);
  else if (query.action !== undefined) add('action = ?', query.action);
  if (query.target !== undefined) add('target = ?', query.target);
  if (query.from !== undefined) add('at >= ?', query.from);
  if (query.to !== undefined) add('at < ?', query.to);
  if (query.beforeId !== undefined) add('id < ?', query.beforeId);
  return { sql: clauses.join(' AND '), values };
}

/** A page of entries, newest first; one more than `limit` is read to tell whether another page exists. */
export function listAudit(db: Db, query: AuditQuery): { entries: StoredAuditEntry[]; more: boolean } {
  const where = whereOf(query);
  const rows = db
    .prepare(`SELECT * FROM audit_log WHERE ${where.sql} ORDER BY id DESC LIMIT ?`)
    .all(...where.values, query.limit + 1) as AuditRow[];
  const entries = rows.slice(0, query.limit).map((row) => ({
    id: row.id,
    at: row.at,
    actor: row.actor,
    action: row.action,
    target: row.target,
    outcome: row.outcome,
    errorCode: row.error_code,
    source: row.source,
    params: JSON.parse(row.params) as unknown,
    organizationId: row.organization_id,
    projectId: row.project_id,
  }));
  return { entries, more: rows.length > query.limit };
}
