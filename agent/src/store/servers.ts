import type { Server } from '@paas/protocol';
import type { Db } from './database';
import { newId, nowIso } from '../ids';

interface ServerRow {
  id: string;
  name: string;
  hostname: string;
  is_local: number;
  created_at: string;
}

function toServer(row: ServerRow): Server {
  return {
    id: row.id,
    name: row.name,
    hostname: row.hostname,
    local: row.is_local === 1,
    createdAt: row.created_at,
  };
}

/** Registers the machine the agent runs on at first start; later starts find the same row. */
export function ensureLocalServer(db: Db, hostname: string): Server {
  const existing = db.prepare('SELECT * FROM servers WHERE is_local = 1').get() as ServerRow | undefined;
  if (existing) return toServer(existing);
  const row: ServerRow = { id: newId(), name: hostname, hostname, is_local: 1, created_at: nowIso() };
  db.prepare(
    'INSERT INTO servers (id, name, hostname, is_local, created_at) VALUES (@id, @name, @hostname, @is_local, @created_at)',
  ).run(row);
  return toServer(row);
}

export function listServers(db: Db): Server[] {
  return (db.prepare('SELECT * FROM servers ORDER BY is_local DESC, name').all() as ServerRow[]).map(
    toServer,
  );
}
