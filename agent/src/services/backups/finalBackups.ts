import type { Project } from '@paas/protocol';
import type { ProjectTeardown } from '../projects';
import { DELETING } from '../apps/lifecycle';
import type { BackupService } from './backupService';

/** What final backups need of the apps: a destroy that is checked first, then carried out. */
export interface AppDestroyer {
  /** Throws when the destroy would be refused (pending job, wrong confirmation); resolves the app. */
  checkDestroy(appId: string, confirmName: string): { revision: number; lastError?: { code: string } | null };
  destroy(appId: string, confirmName: string): Promise<void>;
}

/**
 * Final backups (`preDestroy`), kept in the catalog after the app is gone: before `apps/destroy` unless
 * `skipFinalBackup`, and of every app before `projects/delete` unless `skipFinalBackups` (this teardown
 * runs before the apps' own). A failed final backup refuses the destroy: nothing is deleted unsaved.
 * Apps never deployed have nothing to keep.
 */
export class FinalBackups implements ProjectTeardown {
  constructor(
    private readonly backups: BackupService,
    private readonly apps: AppDestroyer,
  ) {}

  async destroyApp(appId: string, confirmName: string, skipFinalBackup: boolean): Promise<void> {
    const app = this.apps.checkDestroy(appId, confirmName);
    // A destroy that stopped halfway (`DELETING`) has no whole app left to back up: it is finished.
    const whole = app.revision > 0 && app.lastError?.code !== DELETING.code;
    if (!skipFinalBackup && whole) await this.backups.backupNow(appId, 'preDestroy');
    await this.apps.destroy(appId, confirmName);
  }

  async tearDown(project: Project, options: { skipFinalBackups: boolean }): Promise<void> {
    if (options.skipFinalBackups) return;
    for (const target of this.backups.deps.apps.appsOfProject(project.id)) {
      await this.backups.backupNow(target.appId, 'preDestroy');
    }
  }
}
