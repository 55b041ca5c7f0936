import { appJobCommand } from './appJobs';

/** Runs an app's failed or canceled job again. */
export const retryApp = appJobCommand('paas.app.retry', 'retry');
