import { CancelJob, type Job } from '@paas/protocol';
import type { Command } from '../command';

/** Cancels a queued or running job from the Jobs view. */
export const cancelJob: Command = {
  id: 'paas.job.cancel',
  async run(context, target?: unknown): Promise<Job> {
    const node = target as { serverId?: unknown; job?: { id?: unknown } } | undefined;
    if (typeof node?.serverId !== 'string' || typeof node.job?.id !== 'string')
      throw new Error('choose the job to cancel in the Jobs view');
    const connection = context.connections.get(node.serverId);
    if (!connection) throw new Error('that server is no longer configured');
    const { job } = await connection.request(CancelJob, { jobId: node.job.id });
    return job;
  },
};
