import type { Role } from '@paas/protocol';
import type { Db } from './database';

/** A project role granted to a user or to a team (exactly one of the two). */
export interface CollaboratorRecord {
  id: string;
  projectId: string;
  userId: string | null;
  teamId: string | null;
  role: Exclude<Role, 'owner'>;
  createdAt: string;
}

interface CollaboratorRow {
  id: string;
  project_id: string;
  user_id: string | null;
  team_id: string | null;
  role: CollaboratorRecord['role'];
  created_at: string;
}

const toRecord = (row: CollaboratorRow): CollaboratorRecord => ({
  id: row.id,
  projectId: row.project_id,
  userId: row.user_id,
  teamId: row.team_id,
  role: row.role,
  createdAt: row.created_at,
});

export function insertCollaborator(db: Db, collaborator: CollaboratorRecord): void {
  db.prepare(
    `INSERT INTO project_collaborators (id, project_id, user_id, team_id, role, created_at)
     VALUES (@id, @projectId, @userId, @teamId, @role, @createdAt)`,
  ).run(collaborator);
}

export function findCollaborator(db: Db, id: string): CollaboratorRecord | undefined {
  const row = db.prepare('SELECT * FROM project_collaborators WHERE id = ?').get(id) as
    CollaboratorRow | undefined;
  return row && toRecord(row);
}

/** The existing grant to the same user or team on the project, if any. */
export function findGrant(
  db: Db,
  projectId: string,
  grantee: { userId: string | null; teamId: string | null },
): CollaboratorRecord | undefined {
  const row = db
    .prepare('SELECT * FROM project_collaborators WHERE project_id = ? AND (user_id = ? OR team_id = ?)')
    .get(projectId, grantee.userId, grantee.teamId) as CollaboratorRow | undefined;
  return row && toRecord(row);
}

export function listCollaborators(db: Db, projectId: string): CollaboratorRecord[] {
  return (
    db
      .prepare('SELECT * FROM project_collaborators WHERE project_id = ? ORDER BY created_at, id')
      .all(projectId) as CollaboratorRow[]
  ).map(toRecord);
}

export function updateCollaboratorRole(db: Db, id: string, role: CollaboratorRecord['role']): void {
  db.prepare('UPDATE project_collaborators SET role = ? WHERE id = ?').run(role, id);
}

export function deleteCollaborator(db: Db, id: string): void {
  db.prepare('DELETE FROM project_collaborators WHERE id = ?').run(id);
}

/** Every role a user holds on a project: granted directly or through any of their teams. */
export function grantedRoles(db: Db, projectId: string, userId: string): Role[] {
  const rows = db
    .prepare(
      `SELECT role FROM project_collaborators WHERE project_id = ? AND user_id = ?
       UNION ALL
       SELECT c.role FROM project_collaborators c JOIN team_members t ON t.team_id = c.team_id
       WHERE c.project_id = ? AND t.user_id = ?`,
    )
    .all(projectId, userId, projectId, userId) as { role: Role }[];
  return rows.map((row) => row.role);
}

/** The distinct users holding a project role directly or through a team: the project's seats. */
export function seatHolders(db: Db, projectId: string): string[] {
  const rows = db
    .prepare(
      `SELECT user_id FROM project_collaborators WHERE project_id = ? AND user_id IS NOT NULL
       UNION
       SELECT t.user_id FROM project_collaborators c JOIN team_members t ON t.team_id = c.team_id
       WHERE c.project_id = ?`,
    )
    .all(projectId, projectId) as { user_id: string }[];
  return rows.map((row) => row.user_id);
}
