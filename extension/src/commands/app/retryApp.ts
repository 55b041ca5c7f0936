import { RetryApp, type Job } from '@paas/protocol';
import type { Command } from '../command';
import { chooseApp } from './chooseApp';
import { runAppJob } from './runAppJob';

/** Runs an app's failed or canceled job again. */
export const retryApp: Command = {
  id: 'paas.app.retry',
  async run(context, target?: unknown): Promise<Job> {
    const chosen = await chooseApp(context, target, 'app.retry');
    const { jobId } = await chosen.connection.request(RetryApp, { appId: chosen.app.id });
    return runAppJob(chosen, jobId, 'Retrying');
  },
};
