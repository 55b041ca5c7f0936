import { UpdateApp, type Job } from '@paas/protocol';
import * as vscode from 'vscode';
import type { Command } from '../command';
import { chooseApp } from './chooseApp';
import { runAppJob } from './runAppJob';

/** Pulls the branch's latest commit and rolls the app forward without downtime. */
export const updateApp: Command = {
  id: 'paas.app.update',
  async run(context, target?: unknown): Promise<Job | undefined> {
    const chosen = await chooseApp(context, target, 'app.update');
    const result = await chosen.connection.request(UpdateApp, { appId: chosen.app.id });
    if (result.jobId === null) {
      void vscode.window.showInformationMessage(`PaaS.sh: ${chosen.app.name}: ${result.message}`);
      return undefined;
    }
    return runAppJob(chosen, result.jobId, 'Updating');
  },
};
