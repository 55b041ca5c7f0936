import type { ReconcileReport } from '@paas/protocol';
import { findApp } from '../store/apps';
import type { Db } from '../store/database';
import { findJob } from '../store/jobs';
import { seesProject, type AuthorizationContext } from './authorize';

/**
 * The reconcile report as the caller may read it: agent administrators all of it; anyone else only the
 * apps and jobs of projects they see, and no unknown container (those belong to no project).
 */
export function reconcileReportFor(
  context: AuthorizationContext,
  db: Db,
  report: ReconcileReport | null,
): ReconcileReport | null {
  if (!report || context.access.isAgentAdmin(context.caller)) return report;
  const appVisible = (appId: string) => {
    const app = findApp(db, appId);
    return app !== undefined && seesProject(context, app.projectId);
  };
  const jobVisible = (jobId: string) => {
    const job = findJob(db, jobId);
    return job !== undefined && seesProject(context, job.projectId);
  };
  return {
    ranAt: report.ranAt,
    resumedApps: report.resumedApps.filter(appVisible),
    restartedApps: report.restartedApps.filter(appVisible),
    missingContainers: report.missingContainers.filter(appVisible),
    interruptedJobs: report.interruptedJobs.filter(jobVisible),
    unknownContainers: [],
  };
}
