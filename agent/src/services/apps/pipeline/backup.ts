import type { Run } from './run';
import { step } from './run';

/**
 * Backup: before a deploy or update touches a database the app already has, a `preUpdate` backup of it
 * is taken and awaited; a failed backup fails the job before anything changed. New apps have nothing to
 * back up yet. Production always backs up; Staging and Development only with the environment's
 * `preUpdateBackup` setting (Odoo.sh backs up production before every update, other branches on demand).
 */
export async function backupStep(run: Run): Promise<void> {
  if (run.app.revision === 0) {
    run.tracker.skip('backup', 'new app: no database to back up yet');
    return;
  }
  if (run.environment.type !== 'production' && !run.environment.automation.preUpdateBackup) {
    run.tracker.skip('backup', `pre-update backups are off in ${run.environment.type} (environment setting)`);
    return;
  }
  await step(run, 'backup', async () => {
    const backupId = await run.backupBeforeUpdate(run.app.id, run.signal);
    return `pre-update backup ${backupId}`;
  });
}
