import { DeployApp, RetryApp, UpdateApp, type Action, type Job } from '@paas/protocol';
import * as vscode from 'vscode';
import type { AgentConnection } from '../../client/agentConnection';
import type { Command } from '../command';
import { chooseApp, type AppTarget } from './chooseApp';
import { runAppJob } from './runAppJob';

/** The app jobs a command or a dashboard card starts: deploy, update, retry. */
export type AppJobKind = 'deploy' | 'update' | 'retry';

interface AppJobSpec {
  action: Action;
  verb: string;
  /** Asks the agent; resolves with the job id, or `null` and why there is nothing to do. */
  start(connection: AgentConnection, appId: string): Promise<{ jobId: string | null; message: string }>;
}

const SPECS: Readonly<Record<AppJobKind, AppJobSpec>> = {
  deploy: {
    action: 'app.deploy',
    verb: 'Deploying',
    start: async (connection, appId) => ({
      jobId: (await connection.request(DeployApp, { appId })).jobId,
      message: '',
    }),
  },
  update: {
    action: 'app.update',
    verb: 'Updating',
    start: async (connection, appId) => connection.request(UpdateApp, { appId }),
  },
  retry: {
    action: 'app.retry',
    verb: 'Retrying',
    start: async (connection, appId) => ({
      jobId: (await connection.request(RetryApp, { appId })).jobId,
      message: '',
    }),
  },
};

/**
 * Starts an app job and resolves once the agent accepted it (a refusal rejects here), with `done`: the
 * job followed to its end in a progress notification, then announced; `undefined` when there was nothing
 * to do (an update of an app already at its branch's head).
 */
export async function startAppJob(
  kind: AppJobKind,
  target: AppTarget,
): Promise<{ done: Promise<Job | undefined> }> {
  const spec = SPECS[kind];
  const { jobId, message } = await spec.start(target.connection, target.app.id);
  if (jobId === null) {
    void vscode.window.showInformationMessage(`PaaS.sh: ${target.app.name}: ${message}`);
    return { done: Promise.resolve(undefined) };
  }
  return { done: runAppJob(target, jobId, spec.verb) };
}

/** The action the agent checks for a job kind, for gating and for choosing among apps. */
export function appJobAction(kind: AppJobKind): Action {
  return SPECS[kind].action;
}

/** A command that starts a job of `kind` on an app and resolves with the finished job. */
export function appJobCommand(id: string, kind: AppJobKind): Command {
  return {
    id,
    async run(context, target?: unknown): Promise<Job | undefined> {
      const chosen = await chooseApp(context, target, SPECS[kind].action);
      return (await startAppJob(kind, chosen)).done;
    },
  };
}
