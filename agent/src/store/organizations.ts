import type { Db } from './database';
import { newId, nowIso } from '../ids';

export interface OrganizationRecord {
  id: string;
  name: string;
  createdAt: string;
}

interface OrganizationRow {
  id: string;
  name: string;
  created_at: string;
}

const toRecord = (row: OrganizationRow): OrganizationRecord => ({
  id: row.id,
  name: row.name,
  createdAt: row.created_at,
});

export function listOrganizations(db: Db): OrganizationRecord[] {
  return (db.prepare('SELECT * FROM organizations ORDER BY created_at, id').all() as OrganizationRow[]).map(
    toRecord,
  );
}

export function findOrganization(db: Db, id: string): OrganizationRecord | undefined {
  const row = db.prepare('SELECT * FROM organizations WHERE id = ?').get(id) as OrganizationRow | undefined;
  return row && toRecord(row);
}

/**
 * The agent holds one organization's state from its first start: it is created then, named after the
 * machine, so a fresh agent can take projects before anyone sets up people and teams.
 */
export function ensureFirstOrganization(db: Db, name: string): OrganizationRecord {
  const existing = listOrganizations(db)[0];
  if (existing) return existing;
  const record = { id: newId(), name, createdAt: nowIso() };
  db.prepare('INSERT INTO organizations (id, name, created_at) VALUES (@id, @name, @createdAt)').run(record);
  return record;
}
