import { CreateBackup, type Job } from '@paas/protocol';
import * as vscode from 'vscode';
import type { AgentConnection } from '../../client/agentConnection';
import type { Command } from '../command';
import { followJob } from '../job/followJob';
import { chooseApp, type AppTarget } from './chooseApp';

/**
 * Follows a backup, restore or verify job to its end in a progress notification, then says how it went.
 * Backups run in the agent's job queue, so they show in the Jobs view like deploys.
 */
export function followBackupJob(connection: AgentConnection, job: Job, title: string): Promise<Job> {
  return Promise.resolve(followJob(connection, job.id, `PaaS.sh: ${title}`)).then((ended) => {
    if (ended.state === 'succeeded') void vscode.window.showInformationMessage(`PaaS.sh: ${title}: done.`);
    else
      void vscode.window.showErrorMessage(`PaaS.sh: ${title} ${ended.state}: ${ended.error?.message ?? ''}`);
    return ended;
  });
}

/**
 * Takes a manual backup of an app: resolves once the agent accepted it (a refusal rejects here), with
 * `done`, the job followed to its end in a progress notification.
 */
export async function startAppBackup(target: AppTarget): Promise<{ done: Promise<Job> }> {
  const { job } = await target.connection.request(CreateBackup, { appId: target.app.id });
  return { done: followBackupJob(target.connection, job, `backing up ${target.app.name}`) };
}

/** The app card's Backup: a manual backup of the app's database and filestore. */
export const backupApp: Command = {
  id: 'paas.app.backup',
  async run(context, target?: unknown): Promise<Job> {
    const chosen = await chooseApp(context, target, 'app.backup');
    return (await startAppBackup(chosen)).done;
  },
};
