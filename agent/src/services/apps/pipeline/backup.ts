import type { Run } from './run';
import { step } from './run';

/**
 * Backup: before a deploy or update touches a database the app already has, a `preUpdate` backup of it
 * is taken and awaited; a failed backup fails the job before anything changed. New apps have nothing to
 * back up yet.
 */
export async function backupStep(run: Run): Promise<void> {
  if (run.app.revision === 0) {
    run.tracker.skip('backup', 'new app: no database to back up yet');
    return;
  }
  await step(run, 'backup', async () => {
    const backupId = await run.backupBeforeUpdate(run.app.id, run.signal);
    return `pre-update backup ${backupId}`;
  });
}
