import {
  AppDidChange,
  DidSampleMetrics,
  GetApp,
  JobDidProgress,
  PENDING_JOB_STATES,
  SubscribeMetrics,
  UnsubscribeMetrics,
  type EnvironmentType,
} from '@paas/protocol';
import * as vscode from 'vscode';
import type { AgentConnection } from '../../client/agentConnection';
import { settings } from '../../config';
import type { ProjectRef } from '../messages/dashboard';
import type { WebviewLog } from '../shared/agent';
import type { DashboardLiveEvent } from './backend';
import { toAppCard, toServerCard } from './mapping';

/** What to watch: the project's apps, and the server of the shown environment when this agent samples it. */
export interface LiveTarget {
  ref: ProjectRef;
  environmentType: EnvironmentType;
  /** The environment's server, when it is the agent's own (only that one can be sampled); else undefined. */
  sampledServerId: string | undefined;
}

/**
 * Streams the project's app changes (`apps/didChange`; a job's end re-reads its app) and the shown
 * environment's server samples (`metrics/subscribe` + `metrics/didSample`) until disposed. The metrics
 * subscription dies with the connection, so it is made again after every reconnection.
 */
export function watchProject(
  connection: AgentConnection,
  target: LiveTarget,
  sink: (event: DashboardLiveEvent) => void,
  log: WebviewLog,
): vscode.Disposable {
  const { ref } = target;
  let subscriptionId: string | undefined;
  let disposed = false;
  const subscribe = async (): Promise<void> => {
    if (!target.sampledServerId || !connection.session?.methods.has(SubscribeMetrics.method)) return;
    const seconds = Math.min(60, Math.max(1, Math.round(settings().metricsIntervalSeconds)));
    const result = await connection.request(SubscribeMetrics, {
      target: { kind: 'server', serverId: target.sampledServerId },
      intervalSeconds: seconds,
    });
    if (disposed) void connection.request(UnsubscribeMetrics, result).catch(() => undefined);
    else subscriptionId = result.subscriptionId;
  };
  const failed = (what: string) => (error: unknown) => log.warn(`[dashboard] ${what}: ${String(error)}`);
  const reloadApp = (appId: string): void => {
    connection
      .request(GetApp, { appId })
      .then(({ app }) => sink({ type: 'appChanged', app: toAppCard(app) }), failed(`reloading app ${appId}`));
  };
  const subscriptions = [
    connection.onNotification(AppDidChange, ({ app, destroyed }) => {
      if (app.projectId !== ref.projectId) return;
      sink(destroyed ? { type: 'appRemoved', appId: app.id } : { type: 'appChanged', app: toAppCard(app) });
    }),
    connection.onNotification(JobDidProgress, ({ job }) => {
      // The app's commit and revision settle when its job ends.
      if (job.projectId === ref.projectId && !PENDING_JOB_STATES.includes(job.state)) reloadApp(job.appId);
    }),
    connection.onNotification(DidSampleMetrics, ({ subscriptionId: id, sample }) => {
      if (id !== subscriptionId || sample.kind !== 'server') return;
      sink({ type: 'serverSample', environmentType: target.environmentType, server: toServerCard(sample) });
    }),
    connection.onDidChangeState((state) => {
      if (state.kind !== 'connected') return;
      subscriptionId = undefined;
      subscribe().catch(failed('subscribing to metrics'));
    }),
  ];
  subscribe().catch(failed('subscribing to metrics'));
  return new vscode.Disposable(() => {
    disposed = true;
    for (const subscription of subscriptions) subscription.dispose();
    if (subscriptionId)
      void connection.request(UnsubscribeMetrics, { subscriptionId }).catch(() => undefined);
  });
}
