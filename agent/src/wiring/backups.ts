import type { CopyAppDatabase, CopyProduction } from '../services/apps/pipeline/run';
import { copyAppDatabaseInto, copyProductionInto } from '../services/backups/stagingCopy';
import type { Logger } from '../log';
import { DeployedApps } from '../services/apps/backupTargets';
import { BACKUP_JOB_KINDS, BackupJobs } from '../services/backups/backupJobs';
import { BackupService } from '../services/backups/backupService';
import { sweepSandboxes } from '../adapters/pgtools/pgSandbox';
import { FinalBackups } from '../services/backups/finalBackups';
import { ImportService } from '../services/backups/importService';
import { RestoreService } from '../services/backups/restoreService';
import { BackupScheduler } from '../services/backups/scheduler';
import { StorageService } from '../services/backups/storageService';
import { UploadService } from '../services/backups/uploadService';
import type { Notifier } from '../services/notifier';
import type { PlanService } from '../services/plans';
import type { Db } from '../store/database';
import type { AppsWiring } from './apps';

/**
 * Storages, the backup and restore services, their jobs and the schedule, over the deploy code's apps:
 * backup, restore and verify jobs run in the apps' job queue; final backups run before the apps' teardown.
 */
export async function createBackups(
  db: Db,
  dataDir: string,
  serverId: string,
  apps: AppsWiring,
  notifier: Notifier,
  plans: PlanService,
  log: Logger,
  importLimits: ConstructorParameters<typeof ImportService>[2],
) {
  const storages = new StorageService(db, dataDir);
  storages.ensureDefault();
  const backups = new BackupService({
    db,
    dataDir,
    storages,
    apps: new DeployedApps(apps.deps, apps.stats),
    notifier,
    clock: () => new Date(),
    log: log.child({ component: 'backups' }),
    sandboxTag: serverId.toLowerCase().replace(/[^a-z0-9]/g, '0'),
  });
  await backups.recover();
  await sweepLeftoverSandboxes(backups, log);
  const restores = new RestoreService(backups);
  const uploads = new UploadService(db, dataDir, () => new Date());
  await uploads.recover();
  const scheduler = new BackupScheduler(backups, restores, plans);
  const jobs = new BackupJobs(
    backups,
    restores,
    new ImportService(backups, uploads, importLimits),
    apps.jobs,
    serverId,
  );
  apps.workers.register(BACKUP_JOB_KINDS, (jobId, signal) => jobs.run(jobId, signal));
  return {
    storages,
    handlerServices: { backups, scheduler, jobs },
    /** The transfer routes' services: downloads read the catalog, uploads feed imports. */
    transfers: { backups, restores, uploads },
    finalBackups: new FinalBackups(backups, apps.lifecycle),
    /** The update pipeline's hook: a `preUpdate` backup, awaited. */
    backupBeforeUpdate: async (appId: string, signal: AbortSignal) =>
      (await backups.backupNow(appId, 'preUpdate', signal)).id,
    /** The pipeline's hook for a new staging app: a neutralized copy of production's database. */
    copyProduction: ((appId, odooNeutralize, signal) =>
      copyProductionInto(backups, appId, odooNeutralize, signal)) satisfies CopyProduction,
    /** The dry runs' hook: a live, neutralized copy of the app's own database. */
    copyAppDatabase: ((appId, into, workDir, odooNeutralize, signal) =>
      copyAppDatabaseInto(backups, appId, into, workDir, odooNeutralize, signal)) satisfies CopyAppDatabase,
    start: () => scheduler.start(),
    close: () => scheduler.stop(),
  };
}

/**
 * Sandboxes this agent left on any database server when it stopped mid-import or mid-verification. A
 * server that does not answer now is skipped (its leftovers go at a later start).
 */
async function sweepLeftoverSandboxes(backups: BackupService, log: Logger): Promise<void> {
  for (const server of backups.deps.apps.servers()) {
    await sweepSandboxes(server, backups.deps.sandboxTag).catch((error: unknown) =>
      log.warn(
        { err: error, host: server.host, port: server.port },
        'cannot sweep sandboxes left by an earlier run',
      ),
    );
  }
}
