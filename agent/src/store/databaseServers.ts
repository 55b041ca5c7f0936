import type { DatabaseServer } from '@paas/protocol';
import { storeSecrets, type Db } from './database';

/** A database server as stored, with its admin password (read only by the PostgreSQL adapter's caller). */
export interface DatabaseServerRecord extends DatabaseServer {
  adminPassword: string;
}

interface DatabaseServerRow {
  id: string;
  name: string;
  host: string;
  port: number;
  admin_user: string;
  is_default: number;
  from_config: number;
  created_at: string;
  admin_password: string;
}

const SELECT = `SELECT s.*, x.admin_password FROM database_servers s
  JOIN database_server_secrets x ON x.server_id = s.id`;

function toRecord(db: Db, row: DatabaseServerRow): DatabaseServerRecord {
  return {
    id: row.id,
    name: row.name,
    host: row.host,
    port: row.port,
    adminUser: row.admin_user,
    isDefault: row.is_default === 1,
    fromConfig: row.from_config === 1,
    createdAt: row.created_at,
    adminPassword: storeSecrets(db).open(row.admin_password),
  };
}

/** The public view: everything but the password. */
export function publicServer(record: DatabaseServerRecord): DatabaseServer {
  const { adminPassword: _secret, ...server } = record;
  return server;
}

export function insertDatabaseServer(db: Db, record: DatabaseServerRecord): void {
  if (record.isDefault) db.prepare('UPDATE database_servers SET is_default = 0').run();
  db.prepare(
    `INSERT INTO database_servers (id, name, host, port, admin_user, is_default, from_config, created_at)
     VALUES (@id, @name, @host, @port, @adminUser, @isDefault, @fromConfig, @createdAt)`,
  ).run({ ...record, isDefault: record.isDefault ? 1 : 0, fromConfig: record.fromConfig ? 1 : 0 });
  db.prepare('INSERT INTO database_server_secrets (server_id, admin_password) VALUES (?, ?)').run(
    record.id,
    storeSecrets(db).seal(record.adminPassword),
  );
}

/** Rewrites the connection settings of a config-registered server (the config file changed). */
export function updateDatabaseServerConnection(db: Db, record: DatabaseServerRecord): void {
  db.prepare('UPDATE database_servers SET host = ?, port = ?, admin_user = ? WHERE id = ?').run(
    record.host,
    record.port,
    record.adminUser,
    record.id,
  );
  db.prepare('UPDATE database_server_secrets SET admin_password = ? WHERE server_id = ?').run(
    storeSecrets(db).seal(record.adminPassword),
    record.id,
  );
}

export function findDatabaseServer(db: Db, id: string): DatabaseServerRecord | undefined {
  const row = db.prepare(`${SELECT} WHERE s.id = ?`).get(id) as DatabaseServerRow | undefined;
  return row && toRecord(db, row);
}

export function findConfigDatabaseServer(db: Db): DatabaseServerRecord | undefined {
  const row = db.prepare(`${SELECT} WHERE s.from_config = 1`).get() as DatabaseServerRow | undefined;
  return row && toRecord(db, row);
}

export function findDefaultDatabaseServer(db: Db): DatabaseServerRecord | undefined {
  const row = db.prepare(`${SELECT} WHERE s.is_default = 1`).get() as DatabaseServerRow | undefined;
  return row && toRecord(db, row);
}

export function listDatabaseServers(db: Db): DatabaseServerRecord[] {
  return (db.prepare(`${SELECT} ORDER BY s.is_default DESC, s.name`).all() as DatabaseServerRow[]).map(
    (row) => toRecord(db, row),
  );
}

export function isDatabaseServerNameTaken(db: Db, name: string): boolean {
  return db.prepare('SELECT 1 FROM database_servers WHERE name = ?').get(name) !== undefined;
}

export function deleteDatabaseServer(db: Db, id: string): void {
  db.prepare('DELETE FROM database_servers WHERE id = ?').run(id);
}
