import type { Db } from './database';
import { newId, nowIso } from '../ids';

export interface OrganizationRecord {
  id: string;
  name: string;
  /** The user who created it; `null` for the one the agent made at its first start. */
  createdBy: string | null;
  createdAt: string;
}

interface OrganizationRow {
  id: string;
  name: string;
  created_by: string | null;
  created_at: string;
}

const toRecord = (row: OrganizationRow): OrganizationRecord => ({
  id: row.id,
  name: row.name,
  createdBy: row.created_by,
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

export function findOrganizationByName(db: Db, name: string): OrganizationRecord | undefined {
  const row = db.prepare('SELECT * FROM organizations WHERE name = ?').get(name) as
    OrganizationRow | undefined;
  return row && toRecord(row);
}

export function findOrganizationCreatedBy(db: Db, userId: string): OrganizationRecord | undefined {
  const row = db.prepare('SELECT * FROM organizations WHERE created_by = ?').get(userId) as
    OrganizationRow | undefined;
  return row && toRecord(row);
}

export function insertOrganization(db: Db, organization: OrganizationRecord): void {
  db.prepare(
    'INSERT INTO organizations (id, name, created_by, created_at) VALUES (@id, @name, @createdBy, @createdAt)',
  ).run(organization);
}

/** Records who created an organization that had no creator yet (the one made at first start). */
export function claimOrganization(db: Db, id: string, userId: string): boolean {
  return (
    db.prepare('UPDATE organizations SET created_by = ? WHERE id = ? AND created_by IS NULL').run(userId, id)
      .changes === 1
  );
}

/**
 * The agent holds one organization's state from its first start: it is created then, named after the
 * machine, so a fresh agent can take projects before anyone sets up people and teams.
 */
export function ensureFirstOrganization(db: Db, name: string): OrganizationRecord {
  const existing = listOrganizations(db)[0];
  if (existing) return existing;
  const record = { id: newId(), name, createdBy: null, createdAt: nowIso() };
  insertOrganization(db, record);
  return record;
}
