import type { AppState, EnvironmentType, QueueRunner } from '@paas/protocol';
import { storeSecrets, type Db } from './database';

/** An app as stored: the protocol's view minus derived fields, plus what only the agent needs. */
export interface AppRecord {
  id: string;
  projectId: string;
  environmentId: string;
  environmentType: EnvironmentType;
  serverId: string;
  name: string;
  slug: string;
  branch: string;
  commitSha: string | null;
  odooVersion: string;
  edition: 'community' | 'enterprise';
  /** The app's own image setting; `null` falls back to the project's, then `odoo:<version>`. */
  baseImage: string | null;
  state: AppState;
  disabled: boolean;
  databaseServerId: string;
  /** The database the app serves: its role's name at first, a restored copy's name after a restore. */
  databaseName: string;
  /** The app's login role (owner of its database, password in app_secrets); never changes. */
  databaseRole: string;
  revision: number;
  publicPort: number;
  /** The running revision's container and its loopback port; `null` before the first deploy. */
  containerName: string | null;
  containerPort: number | null;
  createdAt: string;
  updatedAt: string;
  lastDeployedAt: string | null;
  logWarnings: number;
  logErrors: number;
  logSince: string | null;
  lastError: { code: string; message: string } | null;
  neutralized: boolean;
  /** The OCA queue_job runner's health from the current container's log; `null`: no runner line logged. */
  queueRunner: QueueRunner | null;
}

interface AppRow {
  id: string;
  project_id: string;
  environment_id: string;
  environment_type: EnvironmentType;
  server_id: string;
  name: string;
  slug: string;
  branch: string;
  commit_sha: string | null;
  odoo_version: string;
  edition: 'community' | 'enterprise';
  base_image: string | null;
  state: AppState;
  disabled: number;
  database_server_id: string;
  database_name: string;
  database_role: string;
  revision: number;
  public_port: number;
  container_name: string | null;
  container_port: number | null;
  created_at: string;
  updated_at: string;
  last_deployed_at: string | null;
  log_warnings: number;
  log_errors: number;
  log_since: string | null;
  last_error_code: string | null;
  last_error_message: string | null;
  neutralized: number;
  queue_runner: QueueRunner | null;
}

function toRecord(row: AppRow): AppRecord {
  return {
    id: row.id,
    projectId: row.project_id,
    environmentId: row.environment_id,
    environmentType: row.environment_type,
    serverId: row.server_id,
    name: row.name,
    slug: row.slug,
    branch: row.branch,
    commitSha: row.commit_sha,
    odooVersion: row.odoo_version,
    edition: row.edition,
    baseImage: row.base_image,
    state: row.state,
    disabled: row.disabled === 1,
    databaseServerId: row.database_server_id,
    databaseName: row.database_name,
    databaseRole: row.database_role,
    revision: row.revision,
    publicPort: row.public_port,
    containerName: row.container_name,
    containerPort: row.container_port,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastDeployedAt: row.last_deployed_at,
    logWarnings: row.log_warnings,
    logErrors: row.log_errors,
    logSince: row.log_since,
    lastError:
      row.last_error_code === null
        ? null
        : { code: row.last_error_code, message: row.last_error_message ?? '' },
    neutralized: row.neutralized === 1,
    queueRunner: row.queue_runner,
  };
}

function toRow(app: AppRecord): AppRow {
  return {
    id: app.id,
    project_id: app.projectId,
    environment_id: app.environmentId,
    environment_type: app.environmentType,
    server_id: app.serverId,
    name: app.name,
    slug: app.slug,
    branch: app.branch,
    commit_sha: app.commitSha,
    odoo_version: app.odooVersion,
    edition: app.edition,
    base_image: app.baseImage,
    state: app.state,
    disabled: app.disabled ? 1 : 0,
    database_server_id: app.databaseServerId,
    database_name: app.databaseName,
    database_role: app.databaseRole,
    revision: app.revision,
    public_port: app.publicPort,
    container_name: app.containerName,
    container_port: app.containerPort,
    created_at: app.createdAt,
    updated_at: app.updatedAt,
    last_deployed_at: app.lastDeployedAt,
    log_warnings: app.logWarnings,
    log_errors: app.logErrors,
    log_since: app.logSince,
    last_error_code: app.lastError?.code ?? null,
    last_error_message: app.lastError?.message ?? null,
    neutralized: app.neutralized ? 1 : 0,
    queue_runner: app.queueRunner,
  };
}

const COLUMNS = Object.keys(toRow({} as AppRecord));

export function insertApp(db: Db, app: AppRecord, databasePassword: string): void {
  db.prepare(
    `INSERT INTO apps (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')})`,
  ).run(toRow(app));
  db.prepare('INSERT INTO app_secrets (app_id, database_password) VALUES (?, ?)').run(
    app.id,
    storeSecrets(db).seal(databasePassword),
  );
}

/** Writes every mutable field of an existing app (read-modify-write inside the caller's transaction). */
export function saveApp(db: Db, app: AppRecord): void {
  const mutable = COLUMNS.filter((c) => !['id', 'project_id', 'created_at'].includes(c));
  db.prepare(`UPDATE apps SET ${mutable.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`).run(
    toRow(app),
  );
}

export function findApp(db: Db, id: string): AppRecord | undefined {
  const row = db.prepare('SELECT * FROM apps WHERE id = ?').get(id) as AppRow | undefined;
  return row && toRecord(row);
}

export function listApps(
  db: Db,
  filter: { projectId?: string; environmentId?: string; includeDisabled?: boolean; serverId?: string },
): AppRecord[] {
  const rows = db
    .prepare(
      `SELECT * FROM apps WHERE (@projectId IS NULL OR project_id = @projectId)
         AND (@environmentId IS NULL OR environment_id = @environmentId)
         AND (@serverId IS NULL OR server_id = @serverId)
         AND (@includeDisabled = 1 OR disabled = 0)
       ORDER BY created_at, id`,
    )
    .all({
      projectId: filter.projectId ?? null,
      environmentId: filter.environmentId ?? null,
      serverId: filter.serverId ?? null,
      includeDisabled: filter.includeDisabled ? 1 : 0,
    }) as AppRow[];
  return rows.map(toRecord);
}

/** The app whose current container on `serverId` is `containerName`. */
export function findAppByContainer(db: Db, serverId: string, containerName: string): AppRecord | undefined {
  const row = db
    .prepare('SELECT * FROM apps WHERE server_id = ? AND container_name = ?')
    .get(serverId, containerName) as AppRow | undefined;
  return row && toRecord(row);
}

export function isAppNameTaken(db: Db, projectId: string, name: string): boolean {
  return (
    db.prepare('SELECT 1 FROM apps WHERE project_id = ? AND name = ?').get(projectId, name) !== undefined
  );
}

export function isAppSlugTaken(db: Db, projectId: string, slug: string): boolean {
  return (
    db.prepare('SELECT 1 FROM apps WHERE project_id = ? AND slug = ?').get(projectId, slug) !== undefined
  );
}

export function hasProductionApp(db: Db, projectId: string): boolean {
  return (
    db
      .prepare("SELECT 1 FROM apps WHERE project_id = ? AND environment_type = 'production'")
      .get(projectId) !== undefined
  );
}

/** How many apps a project has, disabled ones included (the plan's `instances`). */
export function countApps(db: Db, projectId: string): number {
  const row = db.prepare('SELECT COUNT(*) AS n FROM apps WHERE project_id = ?').get(projectId) as {
    n: number;
  };
  return row.n;
}

/** Public ports held by apps of a server, so a new app never gets one that is taken while stopped. */
export function usedPublicPorts(db: Db, serverId: string): Set<number> {
  const rows = db.prepare('SELECT public_port FROM apps WHERE server_id = ?').all(serverId) as {
    public_port: number;
  }[];
  return new Set(rows.map((r) => r.public_port));
}

export function countAppsOnDatabaseServer(db: Db, databaseServerId: string): number {
  const row = db
    .prepare('SELECT COUNT(*) AS n FROM apps WHERE database_server_id = ?')
    .get(databaseServerId) as {
    n: number;
  };
  return row.n;
}

/** The app whose database this is, if any. */
export function findAppByDatabase(
  db: Db,
  databaseServerId: string,
  databaseName: string,
): AppRecord | undefined {
  const row = db
    .prepare('SELECT * FROM apps WHERE database_server_id = ? AND database_name = ?')
    .get(databaseServerId, databaseName) as AppRow | undefined;
  return row && toRecord(row);
}

export function readAppDatabasePassword(db: Db, appId: string): string {
  const row = db.prepare('SELECT database_password FROM app_secrets WHERE app_id = ?').get(appId) as
    { database_password: string } | undefined;
  if (!row) throw new Error(`app ${appId} has no database password`);
  return storeSecrets(db).open(row.database_password);
}

export function deleteApp(db: Db, id: string): void {
  db.prepare('DELETE FROM apps WHERE id = ?').run(id);
}
