import { appJobCommand } from './appJobs';

/** Full deployment of an existing app: build, configure, start (the dashboard's Deploy). */
export const deployApp = appJobCommand('paas.app.deploy', 'deploy');
