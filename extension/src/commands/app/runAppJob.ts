import type { Job } from '@paas/protocol';
import { announceJob, followJob } from '../job/followJob';
import type { AppTarget } from './chooseApp';

/** Follows a job started for an app to its end, tells how it went, and resolves with the final job. */
export async function runAppJob(target: AppTarget, jobId: string, verb: string): Promise<Job> {
  const job = await followJob(target.connection, jobId, `PaaS.sh: ${verb} ${target.app.name}`);
  announceJob(job, target.app.name, target.app.id);
  return job;
}
