import type { Logger } from '../log';
import { BackupService } from '../services/backups/backupService';
import { NoAppDirectory } from '../services/backups/noApps';
import { RestoreService } from '../services/backups/restoreService';
import { BackupScheduler } from '../services/backups/scheduler';
import { StorageService } from '../services/backups/storageService';
import type { Notifier } from '../services/notifier';
import type { Db } from '../store/database';

/** Storages, the backup and restore services and the schedule; progress goes out through `notifier`. */
export async function createBackups(db: Db, dataDir: string, notifier: Notifier, log: Logger) {
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
    storages,
    handlerServices: { backups, restores, scheduler },
    start: () => scheduler.start(),
    async close() {
      backups.operations.abortAll();
      await scheduler.stop();
    },
  };
}
