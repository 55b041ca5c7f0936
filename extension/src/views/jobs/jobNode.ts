import type { Job, JobState } from '@paas/protocol';
import * as vscode from 'vscode';
import { themeIcon, type IconLook } from '../icon';
import { contextValue } from '../contextValue';
import { formatAge } from '../format';

const STATE_ICON: Record<JobState, IconLook> = {
  queued: { icon: 'clock' },
  running: { icon: 'sync~spin' },
  succeeded: { icon: 'pass-filled', color: 'testing.iconPassed' },
  failed: { icon: 'error', color: 'list.errorForeground' },
  canceled: { icon: 'circle-slash', color: 'disabledForeground' },
  interrupted: { icon: 'debug-disconnect', color: 'list.warningForeground' },
};

/** A job in the Jobs view; its steps are its children. */
export interface JobNode {
  kind: 'job';
  serverId: string;
  job: Job;
  appName: string;
}

export function isPending(job: Job): boolean {
  return job.state === 'queued' || job.state === 'running';
}

export function jobTreeItem(node: JobNode): vscode.TreeItem {
  const { job } = node;
  // A running job shows its steps at once; finished ones fold them away.
  const item = new vscode.TreeItem(
    `${job.kind} ${node.appName}`,
    isPending(job) ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed,
  );
  item.id = `${node.serverId}/job:${job.id}`;
  item.iconPath = themeIcon(STATE_ICON[job.state]);
  const when = job.finishedAt ?? job.startedAt ?? job.createdAt;
  item.description = isPending(job) ? `${job.state} · ${job.progress}%` : `${job.state} · ${formatAge(when)}`;
  const lines = [
    `**${job.kind}** of ${node.appName} — ${job.state}`,
    '',
    `Job: \`${job.id}\`, revision ${job.revision}`,
    `Commit: \`${job.commitSha ?? '—'}\``,
    `Requested by ${job.requestedBy} at ${job.createdAt}`,
  ];
  if (job.error) lines.push(`Error: ${job.error.code}: ${job.error.message}`);
  item.tooltip = new vscode.MarkdownString(lines.join('  \n'));
  item.contextValue = contextValue('job', { state: job.state, pending: isPending(job) ? 'yes' : undefined });
  return item;
}
