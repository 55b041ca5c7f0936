import type { Role } from '@paas/protocol';
import type { Db } from './database';
import type { UserRecord } from './users';

export interface MembershipRecord {
  organizationId: string;
  userId: string;
  role: Role;
  joinedAt: string;
}

interface MembershipRow {
  organization_id: string;
  user_id: string;
  role: Role;
  joined_at: string;
}

const toRecord = (row: MembershipRow): MembershipRecord => ({
  organizationId: row.organization_id,
  userId: row.user_id,
  role: row.role,
  joinedAt: row.joined_at,
});

export function findMembership(db: Db, organizationId: string, userId: string): MembershipRecord | undefined {
  const row = db
    .prepare('SELECT * FROM memberships WHERE organization_id = ? AND user_id = ?')
    .get(organizationId, userId) as MembershipRow | undefined;
  return row && toRecord(row);
}

/** A user's memberships, oldest first: the first is the user's default organization. */
export function listMembershipsOfUser(db: Db, userId: string): MembershipRecord[] {
  return (
    db
      .prepare('SELECT * FROM memberships WHERE user_id = ? ORDER BY joined_at, organization_id')
      .all(userId) as MembershipRow[]
  ).map(toRecord);
}

/** An organization's members with their user rows, by role (highest first) then email. */
export function listMembers(db: Db, organizationId: string): (MembershipRecord & { user: UserRecord })[] {
  const rows = db
    .prepare(
      `SELECT m.*, u.email, u.display_name, u.created_at FROM memberships m JOIN users u ON u.id = m.user_id
       WHERE m.organization_id = ?
       ORDER BY CASE m.role WHEN 'owner' THEN 0 WHEN 'admin' THEN 1 WHEN 'developerPlus' THEN 2
         WHEN 'developer' THEN 3 ELSE 4 END, u.email`,
    )
    .all(organizationId) as (MembershipRow & { email: string; display_name: string; created_at: string })[];
  return rows.map((row) => ({
    ...toRecord(row),
    user: { id: row.user_id, email: row.email, displayName: row.display_name, createdAt: row.created_at },
  }));
}

/** Adds a member, or sets the role of an existing one. */
export function saveMembership(db: Db, membership: MembershipRecord): void {
  db.prepare(
    `INSERT INTO memberships (organization_id, user_id, role, joined_at) VALUES (@organizationId, @userId, @role, @joinedAt)
     ON CONFLICT (organization_id, user_id) DO UPDATE SET role = excluded.role`,
  ).run(membership);
}

/** Removes a member with their team memberships and project grants in the organization. */
export function deleteMembership(db: Db, organizationId: string, userId: string): void {
  db.prepare(
    `DELETE FROM team_members WHERE user_id = ? AND team_id IN (SELECT id FROM teams WHERE organization_id = ?)`,
  ).run(userId, organizationId);
  db.prepare(
    `DELETE FROM project_collaborators WHERE user_id = ?
       AND project_id IN (SELECT id FROM projects WHERE organization_id = ?)`,
  ).run(userId, organizationId);
  db.prepare('DELETE FROM memberships WHERE organization_id = ? AND user_id = ?').run(organizationId, userId);
}

export function countOwners(db: Db, organizationId: string): number {
  return (
    db
      .prepare("SELECT COUNT(*) AS n FROM memberships WHERE organization_id = ? AND role = 'owner'")
      .get(organizationId) as { n: number }
  ).n;
}
