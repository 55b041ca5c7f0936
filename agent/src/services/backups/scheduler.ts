import { CronExpressionParser } from 'cron-parser';
import type { BackupSchedule, EnvironmentType, Retention } from '@paas/protocol';
import { invalidField, notFound } from '../../errors';
import { listBackups } from '../../store/backups';
import { findSchedule, listSchedules, saveSchedule, type ScheduleRecord } from '../../store/backupSchedules';
import { findEnvironment } from '../../store/environments';
import type { PlanService } from '../plans';
import type { BackupService } from './backupService';
import type { RestoreService } from './restoreService';
import { capRetention, selectForPruning } from './retention';

/** Daily at 03:00 UTC unless an environment says otherwise. */
export const DEFAULT_CRON = '0 3 * * *';
const DEFAULT_RETENTION: Retention = { daily: 7, weekly: 4, monthly: 3 };

/** The next time a five-field cron expression fires after `after`, in UTC. Throws on a bad expression. */
export function nextRun(cron: string, after: Date): Date {
  if (cron.trim().split(/\s+/).length !== 5)
    throw new Error('a schedule has five fields: minute hour day month weekday');
  return CronExpressionParser.parse(cron, { currentDate: after, tz: 'UTC' }).next().toDate();
}

function defaults(environmentId: string, type: EnvironmentType, now: string): ScheduleRecord {
  // Automatic backups for production and staging; development only when asked for.
  return {
    environmentId,
    enabled: type !== 'development',
    cron: DEFAULT_CRON,
    retention: DEFAULT_RETENTION,
    verifyNewest: false,
    lastRunAt: null,
    updatedAt: now,
  };
}

/**
 * Runs each environment's scheduled backups, then prunes by retention (capped by the plan) and, when
 * asked, verifies the newest. `tick(now)` does one round; `start()` calls it every minute. Tests call
 * `tick` with their own clock.
 */
export class BackupScheduler {
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> = Promise.resolve();

  constructor(
    private readonly backups: BackupService,
    private readonly restores: RestoreService,
    private readonly plans: Pick<PlanService, 'limitsOfProject'>,
  ) {}

  schedule(environmentId: string): { schedule: BackupSchedule; planRetention: Retention } {
    const { db, clock } = this.backups.deps;
    const environment = findEnvironment(db, environmentId);
    if (!environment) throw notFound('environment', environmentId);
    const record =
      findSchedule(db, environmentId) ?? defaults(environmentId, environment.type, clock().toISOString());
    const plan = this.plans.limitsOfProject(environment.projectId).backupRetention;
    const { lastRunAt: _last, updatedAt: _updated, ...rest } = record;
    const nextRunAt = record.enabled ? nextRun(record.cron, clock()).toISOString() : null;
    return { schedule: { ...rest, nextRunAt }, planRetention: plan };
  }

  update(
    environmentId: string,
    change: Partial<Pick<ScheduleRecord, 'enabled' | 'cron' | 'retention' | 'verifyNewest'>>,
  ): BackupSchedule {
    const { db, clock } = this.backups.deps;
    const environment = findEnvironment(db, environmentId);
    if (!environment) throw notFound('environment', environmentId);
    if (change.cron !== undefined) {
      try {
        nextRun(change.cron, clock());
      } catch (error) {
        throw invalidField(['cron'], `is not a cron expression: ${(error as Error).message}`);
      }
    }
    const now = clock().toISOString();
    const current = findSchedule(db, environmentId) ?? defaults(environmentId, environment.type, now);
    saveSchedule(db, { ...current, ...change, updatedAt: now });
    return this.schedule(environmentId).schedule;
  }

  start(): void {
    this.timer = setInterval(() => {
      this.ticking = this.ticking.then(() => this.tick(this.backups.deps.clock()));
    }, 60_000);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.ticking;
  }

  /** Runs every schedule due at `now` (fired since its last run). */
  async tick(now: Date): Promise<void> {
    for (const record of listSchedules(this.backups.deps.db)) {
      if (!record.enabled) continue;
      const since = new Date(record.lastRunAt ?? record.updatedAt);
      if (nextRun(record.cron, since) > now) continue;
      saveSchedule(this.backups.deps.db, { ...record, lastRunAt: now.toISOString() });
      await this.runEnvironment(record, now);
    }
  }

  private async runEnvironment(record: ScheduleRecord, now: Date): Promise<void> {
    const { apps, log } = this.backups.deps;
    for (const target of apps.appsOf(record.environmentId)) {
      try {
        const backup = await this.backups.backupNow(target.appId, 'scheduled');
        await this.prune(target.appId, target.projectId, record.retention, now);
        if (record.verifyNewest) await this.restores.verifyNow(backup);
      } catch (error) {
        log.warn({ err: error, app: target.appId }, 'scheduled backup failed');
      }
    }
  }

  /** Deletes what retention no longer keeps; returns the pruned ids. */
  async prune(appId: string, projectId: string, policy: Retention, now: Date): Promise<string[]> {
    const { db } = this.backups.deps;
    const plan = this.plans.limitsOfProject(projectId).backupRetention;
    const succeeded = listBackups(db, { projectId, appId, statuses: ['succeeded'], limit: 100_000 });
    const pruned = selectForPruning(succeeded, capRetention(policy, plan), now);
    for (const id of pruned) await this.backups.delete(id);
    return pruned;
  }
}
