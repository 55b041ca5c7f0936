import { DeployApp, type Job } from '@paas/protocol';
import type { Command } from '../command';
import { chooseApp } from './chooseApp';
import { runAppJob } from './runAppJob';

/** Full deployment of an existing app: build, configure, start (the dashboard's Deploy). */
export const deployApp: Command = {
  id: 'paas.app.deploy',
  async run(context, target?: unknown): Promise<Job> {
    const chosen = await chooseApp(context, target, 'app.deploy');
    const { jobId } = await chosen.connection.request(DeployApp, { appId: chosen.app.id });
    return runAppJob(chosen, jobId, 'Deploying');
  },
};
