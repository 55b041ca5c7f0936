import { RetentionSchema, type Retention } from '@paas/protocol';
import type { Db } from './database';
import { readJson } from './json';

/** An environment's schedule as stored (the protocol view adds the next run time). */
export interface ScheduleRecord {
  environmentId: string;
  enabled: boolean;
  cron: string;
  retention: Retention;
  verifyNewest: boolean;
  lastRunAt: string | null;
  updatedAt: string;
}

interface ScheduleRow {
  environment_id: string;
  enabled: number;
  cron: string;
  retention: string;
  verify_newest: number;
  last_run_at: string | null;
  updated_at: string;
}

function toRecord(row: ScheduleRow): ScheduleRecord {
  return {
    environmentId: row.environment_id,
    enabled: row.enabled === 1,
    cron: row.cron,
    retention: readJson(RetentionSchema, row.retention),
    verifyNewest: row.verify_newest === 1,
    lastRunAt: row.last_run_at,
    updatedAt: row.updated_at,
  };
}

export function findSchedule(db: Db, environmentId: string): ScheduleRecord | undefined {
  const row = db.prepare('SELECT * FROM backup_schedules WHERE environment_id = ?').get(environmentId) as
    ScheduleRow | undefined;
  return row && toRecord(row);
}

export function listSchedules(db: Db): ScheduleRecord[] {
  return (db.prepare('SELECT * FROM backup_schedules').all() as ScheduleRow[]).map(toRecord);
}

export function saveSchedule(db: Db, record: ScheduleRecord): void {
  db.prepare(
    `INSERT INTO backup_schedules (environment_id, enabled, cron, retention, verify_newest, last_run_at, updated_at)
     VALUES (@environmentId, @enabled, @cron, @retention, @verifyNewest, @lastRunAt, @updatedAt)
     ON CONFLICT (environment_id) DO UPDATE SET enabled = excluded.enabled, cron = excluded.cron,
       retention = excluded.retention, verify_newest = excluded.verify_newest, last_run_at = excluded.last_run_at,
       updated_at = excluded.updated_at`,
  ).run({
    ...record,
    enabled: record.enabled ? 1 : 0,
    verifyNewest: record.verifyNewest ? 1 : 0,
    retention: JSON.stringify(record.retention),
  });
}
