import {
  GetProject,
  ListApps,
  MetricsHistory,
  type Environment,
  type EnvironmentType,
  type ServerSample,
} from '@paas/protocol';
import * as vscode from 'vscode';
import type { AgentConnection } from '../../client/agentConnection';
import type { Session } from '../../client/session';
import type { CommandContext } from '../../commands/command';
import { startAppBackup } from '../../commands/app/backupApp';
import { startAppJob } from '../../commands/app/appJobs';
import type { AppAction, ProjectRef } from '../messages/dashboard';
import { accessViewOf } from '../shared/access';
import { connectProject } from '../shared/projectConnection';
import type { DashboardBackend } from './backend';
import { appMenu, appTarget } from './appMenu';
import { automateEnvironment, createApp, destroyEnvironment, environmentOf } from './environmentActions';
import { watchProject } from './liveUpdates';
import { toAppCard, toEnvironmentView } from './mapping';

/** The recent samples of an environment's server, when this agent samples it (its own server). */
async function historyOf(
  connection: AgentConnection,
  session: Session,
  environment: Environment,
): Promise<ServerSample[]> {
  if (environment.serverId !== session.serverId || !session.methods.has(MetricsHistory.method)) return [];
  const { samples } = await connection.request(MetricsHistory, {
    target: { kind: 'server', serverId: environment.serverId },
    resolution: 'sample',
  });
  return samples.filter((s): s is ServerSample => s.kind === 'server');
}

/** Runs a card action: resolves once the agent accepted it; the job (or backup) is followed in the background. */
async function runAppAction(context: CommandContext, ref: ProjectRef, appId: string, action: AppAction) {
  const target = await appTarget(context, ref, appId);
  const started = action === 'backup' ? await startAppBackup(target) : await startAppJob(action, target);
  started.done.catch((error: unknown) =>
    context.log.warn(`[dashboard] ${action} of ${appId}: ${String(error)}`),
  );
}

/** The dashboard's backend on the extension's agent connections and its commands. */
export function dashboardBackend(context: CommandContext): DashboardBackend {
  const log = context.log;
  return {
    async load(ref) {
      const { connection, session, permissions } = await connectProject(context, ref);
      const [{ project, environments }, { apps }] = await Promise.all([
        connection.request(GetProject, { projectId: ref.projectId }),
        connection.request(ListApps, { projectId: ref.projectId, includeDisabled: true }),
      ]);
      const views = await Promise.all(
        environments.map(async (environment) => {
          const history = await historyOf(connection, session, environment).catch((error: unknown) => {
            log.warn(`[dashboard] metrics history: ${String(error)}`);
            return [];
          });
          return toEnvironmentView(environment, history);
        }),
      );
      return {
        ref,
        projectName: project.name,
        access: accessViewOf(permissions),
        environments: views,
        apps: apps.map(toAppCard),
      };
    },
    watch(ref, environmentType: EnvironmentType, sink) {
      let live: vscode.Disposable | undefined;
      let disposed = false;
      void (async () => {
        const { connection, session } = await connectProject(context, ref);
        const environment = await environmentOf(connection, ref, environmentType).catch(() => undefined);
        if (disposed) return;
        const sampledServerId = environment?.serverId === session.serverId ? environment.serverId : undefined;
        live = watchProject(connection, { ref, environmentType, sampledServerId }, sink, log);
      })().catch((error: unknown) => log.warn(`[dashboard] live updates: ${String(error)}`));
      return new vscode.Disposable(() => {
        disposed = true;
        live?.dispose();
      });
    },
    runAppAction: (ref, appId, action) => runAppAction(context, ref, appId, action),
    openApp: async (_ref, appId) => {
      await vscode.commands.executeCommand('paas.app.open', { appId });
    },
    showAppMenu: (ref, appId) => appMenu(context, ref, appId),
    openLogs: async (_ref, appId) => {
      // The terminal shows the whole log; Odoo's WARNING and ERROR records stand out in it.
      await vscode.commands.executeCommand('paas.app.showLogs', { appId });
    },
    createApp: (ref, type) => createApp(context, ref, type),
    automateEnvironment: (ref, type) => automateEnvironment(context, ref, type),
    destroyEnvironment: (ref, type) => destroyEnvironment(context, ref, type),
    setShowDisabled: async (show) => {
      await vscode.commands.executeCommand(
        show ? 'paas.view.showDisabledApps' : 'paas.view.hideDisabledApps',
      );
    },
  };
}
