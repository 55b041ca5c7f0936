import { AutomationSchema, SharedAddonSchema, type Environment } from '@paas/protocol';
import { z } from 'zod';
import type { Db } from './database';
import { readJson } from './json';

interface EnvironmentRow {
  id: string;
  project_id: string;
  type: Environment['type'];
  server_id: string;
  automation: string;
  shared_addons: string;
  created_at: string;
  updated_at: string;
}

const SharedAddonsSchema = z.array(SharedAddonSchema);

function toEnvironment(row: EnvironmentRow): Environment {
  return {
    id: row.id,
    projectId: row.project_id,
    type: row.type,
    serverId: row.server_id,
    automation: readJson(AutomationSchema, row.automation),
    sharedAddons: readJson(SharedAddonsSchema, row.shared_addons),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toRow(environment: Environment): EnvironmentRow {
  return {
    id: environment.id,
    project_id: environment.projectId,
    type: environment.type,
    server_id: environment.serverId,
    automation: JSON.stringify(environment.automation),
    shared_addons: JSON.stringify(environment.sharedAddons),
    created_at: environment.createdAt,
    updated_at: environment.updatedAt,
  };
}

export function insertEnvironment(db: Db, environment: Environment): void {
  db.prepare(
    `INSERT INTO environments (id, project_id, type, server_id, automation, shared_addons, created_at, updated_at)
     VALUES (@id, @project_id, @type, @server_id, @automation, @shared_addons, @created_at, @updated_at)`,
  ).run(toRow(environment));
}

export function saveEnvironment(db: Db, environment: Environment): void {
  db.prepare(
    'UPDATE environments SET automation = @automation, shared_addons = @shared_addons, updated_at = @updated_at WHERE id = @id',
  ).run(toRow(environment));
}

export function findEnvironment(db: Db, id: string): Environment | undefined {
  const row = db.prepare('SELECT * FROM environments WHERE id = ?').get(id) as EnvironmentRow | undefined;
  return row && toEnvironment(row);
}

export function findEnvironmentByType(
  db: Db,
  projectId: string,
  type: Environment['type'],
): Environment | undefined {
  const row = db
    .prepare('SELECT * FROM environments WHERE project_id = ? AND type = ?')
    .get(projectId, type) as EnvironmentRow | undefined;
  return row && toEnvironment(row);
}

/** A project's environments in dashboard order: Production, Staging, Development. */
export function listEnvironments(db: Db, projectId: string): Environment[] {
  const rows = db
    .prepare(
      `SELECT * FROM environments WHERE project_id = ?
       ORDER BY CASE type WHEN 'production' THEN 0 WHEN 'staging' THEN 1 ELSE 2 END`,
    )
    .all(projectId) as EnvironmentRow[];
  return rows.map(toEnvironment);
}
