import type { Logger } from '../log';
import type { AccessResolver } from '../services/access';
import { BackupService } from '../services/backups/backupService';
import { NoAppDirectory } from '../services/backups/noApps';
import { RestoreService } from '../services/backups/restoreService';
import { BackupScheduler } from '../services/backups/scheduler';
import { StorageService } from '../services/backups/storageService';
import { Notifier } from '../services/notifier';
import type { Db } from '../store/database';

/** Storages, the backup and restore services, the schedule, and the notifier that tells clients. */
export async function createBackups(db: Db, dataDir: string, access: AccessResolver, log: Logger) {
  const notifier = new Notifier(access);
  const storages = new StorageService(db, dataDir);
  storages.ensureDefault();
  const backups = new BackupService({
    db,
    dataDir,
    storages,
    apps: new NoAppDirectory(),
    notifier,
    clock: () => new Date(),
    log: log.child({ component: 'backups' }),
  });
  await backups.recover();
  const restores = new RestoreService(backups);
  const scheduler = new BackupScheduler(backups, restores);
  return {
    notifier,
    storages,
    handlerServices: { backups, restores, scheduler },
    start: () => scheduler.start(),
    async close() {
      backups.operations.abortAll();
      await scheduler.stop();
    },
  };
}
