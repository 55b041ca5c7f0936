import { DryRunUpdate, type Job } from '@paas/protocol';
import * as vscode from 'vscode';
import { followJob } from '../job/followJob';
import type { Command } from '../command';
import { chooseApp } from './chooseApp';

/** How long a finished job ran, for people. */
function durationOf(job: Job): string {
  if (!job.startedAt || !job.finishedAt) return '';
  const seconds = (Date.parse(job.finishedAt) - Date.parse(job.startedAt)) / 1000;
  return ` (${seconds.toFixed(1)} s)`;
}

/**
 * Rehearses the app's update on a throwaway, neutralized copy of its database (`apps/dryRunUpdate`):
 * the job shows in the Jobs view and a progress notification; the outcome says which modules would
 * install or update, or why the update would fail. A failing rehearsal is a result, not an error of the
 * command: it is a warning. Resolves with the finished job.
 */
export const dryRunUpdate: Command = {
  id: 'paas.app.dryRunUpdate',
  async run(context, target?: unknown): Promise<Job> {
    const { connection, app } = await chooseApp(context, target, 'app.update');
    const { jobId } = await connection.request(DryRunUpdate, { appId: app.id });
    context.refreshViews();
    const job = await followJob(connection, jobId, `PaaS.sh: Dry-run update of ${app.name}`);
    const rehearsal = job.steps.find((step) => step.name === 'moduleUpdate');
    if (job.state === 'succeeded') {
      void vscode.window.showInformationMessage(
        `PaaS.sh: dry run of ${app.name}: ${rehearsal?.summary ?? 'done'}${durationOf(job)}. Nothing was changed.`,
      );
    } else {
      const reason = job.error ? `: ${job.error.message.split('\n')[0]}` : '';
      void vscode.window.showWarningMessage(
        `PaaS.sh: dry run of ${app.name} ${job.state}${reason}${durationOf(job)}. Nothing was changed.`,
      );
    }
    return job;
  },
};
