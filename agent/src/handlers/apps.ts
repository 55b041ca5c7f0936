import {
  DeployApp,
  DestroyApp,
  DisableApp,
  EnableApp,
  GetApp,
  ListApps,
  RestartApp,
  RetryApp,
  StartApp,
  StopApp,
  StopAppLogs,
  StreamAppLogs,
  UpdateApp,
  type Action,
} from '@paas/protocol';
import { actorOf } from '../caller';
import type { AppService } from '../services/apps/appService';
import type { AppLifecycle } from '../services/apps/lifecycle';
import type { LogStreams } from '../services/apps/logStreams';
import type { FinalBackups } from '../services/backups/finalBackups';
import type { EnvironmentService } from '../services/environments';
import { anyCaller, requireAction } from './authorize';
import { defineHandler, type RequestContext } from './handler';

/** Authorizes an action on an existing app, in its project and environment type. */
export function onApp(apps: { get: AppService['get'] }, action: Action) {
  return (params: { appId: string }, context: RequestContext): void => {
    const app = apps.get(params.appId);
    requireAction(context, action, { projectId: app.projectId, environmentType: app.environmentType });
  };
}

export const appTarget = (params: { appId: string }): string => `app:${params.appId}`;

/** Stop, start, restart, disable and enable: `app.operate` in the app's environment. */
function lifecycleHandlers(apps: AppService, lifecycle: AppLifecycle) {
  const operate = onApp(apps, 'app.operate');
  return [
    defineHandler({
      type: StopApp,
      authorize: operate,
      handle: async (p) => ({ app: await lifecycle.stop(p.appId) }),
      target: appTarget,
    }),
    defineHandler({
      type: StartApp,
      authorize: operate,
      handle: async (p) => ({ app: await lifecycle.start(p.appId) }),
      target: appTarget,
    }),
    defineHandler({
      type: RestartApp,
      authorize: operate,
      handle: async (p) => ({ app: await lifecycle.restart(p.appId) }),
      target: appTarget,
    }),
    defineHandler({
      type: DisableApp,
      authorize: operate,
      handle: async (p) => ({ app: await lifecycle.disable(p.appId) }),
      target: appTarget,
    }),
    defineHandler({
      type: EnableApp,
      authorize: operate,
      handle: (p) => ({ app: lifecycle.enable(p.appId) }),
      target: appTarget,
    }),
  ];
}

export function appHandlers(
  apps: AppService,
  lifecycle: AppLifecycle,
  logs: LogStreams,
  environments: EnvironmentService,
  finalBackups: FinalBackups,
) {
  return [
    defineHandler({
      type: ListApps,
      authorize: (params, context) => {
        requireAction(context, 'app.refresh', { projectId: params.projectId });
        if (params.includeDisabled)
          requireAction(context, 'app.showDisabled', { projectId: params.projectId });
      },
      handle: (params) => ({ apps: apps.list(params) }),
    }),
    defineHandler({
      type: GetApp,
      authorize: onApp(apps, 'app.refresh'),
      handle: (params) => ({ app: apps.view(apps.get(params.appId)) }),
    }),
    defineHandler({
      type: DeployApp,
      authorize: (params, context) => {
        if ('appId' in params) return onApp(apps, 'app.deploy')(params, context);
        const environment = environments.get(params.environmentId);
        requireAction(context, 'app.create', {
          projectId: environment.projectId,
          environmentType: environment.type,
        });
      },
      handle: (params, context) =>
        'appId' in params
          ? apps.redeploy(params.appId, actorOf(context.caller))
          : apps.create(params, environments.get(params.environmentId), actorOf(context.caller)),
      target: (params) => ('appId' in params ? appTarget(params) : `environment:${params.environmentId}`),
    }),
    defineHandler({
      type: UpdateApp,
      authorize: onApp(apps, 'app.update'),
      handle: (params, context) => apps.update(params.appId, actorOf(context.caller)),
      target: appTarget,
    }),
    defineHandler({
      type: RetryApp,
      authorize: onApp(apps, 'app.retry'),
      handle: (params, context) => apps.retry(params.appId, actorOf(context.caller)),
      target: appTarget,
    }),
    ...lifecycleHandlers(apps, lifecycle),
    defineHandler({
      type: DestroyApp,
      authorize: onApp(apps, 'app.destroy'),
      handle: async (params) => {
        await finalBackups.destroyApp(params.appId, params.confirmName, params.skipFinalBackup);
        return { appId: params.appId };
      },
      target: appTarget,
    }),
    defineHandler({
      type: StreamAppLogs,
      authorize: onApp(apps, 'app.viewLogs'),
      handle: async (params, context) => ({
        streamId: await logs.open(context.connection, params.appId, params.tail, params.follow),
      }),
    }),
    defineHandler({
      type: StopAppLogs,
      authorize: anyCaller,
      handle: (params, context) => ({ stopped: logs.stop(context.connection, params.streamId) }),
    }),
  ];
}
