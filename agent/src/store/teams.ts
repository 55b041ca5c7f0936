import type { Db } from './database';
import type { UserRecord } from './users';

export interface TeamRecord {
  id: string;
  organizationId: string;
  name: string;
  createdAt: string;
}

interface TeamRow {
  id: string;
  organization_id: string;
  name: string;
  created_at: string;
}

const toRecord = (row: TeamRow): TeamRecord => ({
  id: row.id,
  organizationId: row.organization_id,
  name: row.name,
  createdAt: row.created_at,
});

export function insertTeam(db: Db, team: TeamRecord): void {
  db.prepare(
    'INSERT INTO teams (id, organization_id, name, created_at) VALUES (@id, @organizationId, @name, @createdAt)',
  ).run(team);
}

export function findTeam(db: Db, id: string): TeamRecord | undefined {
  const row = db.prepare('SELECT * FROM teams WHERE id = ?').get(id) as TeamRow | undefined;
  return row && toRecord(row);
}

export function isTeamNameTaken(db: Db, organizationId: string, name: string): boolean {
  return (
    db.prepare('SELECT 1 FROM teams WHERE organization_id = ? AND name = ?').get(organizationId, name) !==
    undefined
  );
}

export function listTeams(db: Db, organizationId: string): TeamRecord[] {
  return (
    db.prepare('SELECT * FROM teams WHERE organization_id = ? ORDER BY name').all(organizationId) as TeamRow[]
  ).map(toRecord);
}

export function renameTeam(db: Db, id: string, name: string): void {
  db.prepare('UPDATE teams SET name = ? WHERE id = ?').run(name, id);
}

export function deleteTeam(db: Db, id: string): void {
  db.prepare('DELETE FROM teams WHERE id = ?').run(id);
}

export function addTeamMember(db: Db, teamId: string, userId: string): void {
  db.prepare('INSERT OR IGNORE INTO team_members (team_id, user_id) VALUES (?, ?)').run(teamId, userId);
}

export function removeTeamMember(db: Db, teamId: string, userId: string): void {
  db.prepare('DELETE FROM team_members WHERE team_id = ? AND user_id = ?').run(teamId, userId);
}

export function listTeamMembers(db: Db, teamId: string): UserRecord[] {
  const rows = db
    .prepare(
      `SELECT u.* FROM team_members t JOIN users u ON u.id = t.user_id WHERE t.team_id = ? ORDER BY u.email`,
    )
    .all(teamId) as { id: string; email: string; display_name: string; created_at: string }[];
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    displayName: r.display_name,
    createdAt: r.created_at,
  }));
}
