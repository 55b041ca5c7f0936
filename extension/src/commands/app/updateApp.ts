import { appJobCommand } from './appJobs';

/** Pulls the branch's latest commit and rolls the app forward without downtime. */
export const updateApp = appJobCommand('paas.app.update', 'update');
