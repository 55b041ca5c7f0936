import { CancelJob, GetJob, JobDidProgress, type Job } from '@paas/protocol';
import * as vscode from 'vscode';
import type { AgentConnection } from '../../client/agentConnection';

const FINAL = new Set(['succeeded', 'failed', 'canceled', 'interrupted']);
/** Notifications drive progress; a slow poll covers the ones lost while reconnecting. */
const POLL_MS = 3000;

function describe(job: Job): string {
  const running = job.steps.find((step) => step.state === 'running');
  const done = job.steps.filter((step) => step.state === 'succeeded' || step.state === 'skipped').length;
  return running ? `${running.name} (${done + 1}/${job.steps.length})` : job.state;
}

/**
 * Shows a job's steps in a cancellable progress notification until it ends; cancelling asks the agent
 * to cancel the job. Resolves with the final job.
 */
export function followJob(connection: AgentConnection, jobId: string, title: string): Thenable<Job> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    (progress, token) =>
      new Promise<Job>((resolve, reject) => {
        let reported = 0;
        const update = (job: Job): void => {
          if (job.id !== jobId) return;
          progress.report({ increment: Math.max(0, job.progress - reported), message: describe(job) });
          reported = Math.max(reported, job.progress);
          if (!FINAL.has(job.state)) return;
          clearInterval(poll);
          subscription.dispose();
          resolve(job);
        };
        const subscription = connection.onNotification(JobDidProgress, ({ job }) => update(job));
        const fetch = (): void => {
          connection.request(GetJob, { jobId }).then(
            ({ job }) => update(job),
            () => undefined,
          );
        };
        const poll = setInterval(fetch, POLL_MS);
        fetch();
        token.onCancellationRequested(() => {
          connection.request(CancelJob, { jobId }).then(
            ({ job }) => update(job),
            (error: unknown) => {
              clearInterval(poll);
              subscription.dispose();
              reject(error instanceof Error ? error : new Error(String(error)));
            },
          );
        });
      }),
  );
}

/** Tells how a job ended and offers the next step: open the app or read its logs. */
export function announceJob(job: Job, appName: string, appId: string): void {
  const target = { appId };
  if (job.state === 'succeeded') {
    const commit = job.commitSha ? ` at ${job.commitSha.slice(0, 7)}` : '';
    void vscode.window
      .showInformationMessage(
        `PaaS.sh: ${appName} ${job.kind === 'update' ? 'updated' : 'deployed'}${commit}.`,
        'Open',
        'Show Logs',
      )
      .then((choice) => {
        if (choice === 'Open') void vscode.commands.executeCommand('paas.app.open', target);
        if (choice === 'Show Logs') void vscode.commands.executeCommand('paas.app.showLogs', target);
      });
    return;
  }
  const reason = job.error ? `: ${job.error.message}` : '';
  void vscode.window
    .showErrorMessage(`PaaS.sh: ${job.kind} of ${appName} ${job.state}${reason}`, 'Show Logs', 'Retry')
    .then((choice) => {
      if (choice === 'Show Logs') void vscode.commands.executeCommand('paas.app.showLogs', target);
      if (choice === 'Retry') void vscode.commands.executeCommand('paas.app.retry', target);
    });
}
