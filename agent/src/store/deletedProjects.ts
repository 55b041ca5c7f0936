import type { Db } from './database';

/** What is kept of a deleted project: enough to find its final backups and say whose they were. */
export interface DeletedProject {
  id: string;
  organizationId: string;
  name: string;
  code: string;
  deletedAt: string;
}

interface DeletedProjectRow {
  id: string;
  organization_id: string;
  name: string;
  code: string;
  deleted_at: string;
}

const toRecord = (row: DeletedProjectRow): DeletedProject => ({
  id: row.id,
  organizationId: row.organization_id,
  name: row.name,
  code: row.code,
  deletedAt: row.deleted_at,
});

export function recordDeletedProject(db: Db, project: DeletedProject): void {
  db.prepare(
    `INSERT INTO deleted_projects (id, organization_id, name, code, deleted_at)
     VALUES (@id, @organizationId, @name, @code, @deletedAt)`,
  ).run(project);
}

export function findDeletedProject(db: Db, id: string): DeletedProject | undefined {
  const row = db.prepare('SELECT * FROM deleted_projects WHERE id = ?').get(id) as
    DeletedProjectRow | undefined;
  return row && toRecord(row);
}

/** The organization's deleted projects that still have backups in the catalog, newest deletion first. */
export function listDeletedProjectsWithBackups(db: Db, organizationId: string): DeletedProject[] {
  const rows = db
    .prepare(
      `SELECT * FROM deleted_projects d WHERE organization_id = ?
         AND EXISTS (SELECT 1 FROM backups b WHERE b.project_id = d.id AND b.status = 'succeeded')
       ORDER BY deleted_at DESC, id DESC`,
    )
    .all(organizationId) as DeletedProjectRow[];
  return rows.map(toRecord);
}
