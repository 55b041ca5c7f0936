import { DryRunUpdate, GetModuleDrift } from '@paas/protocol';
import { actorOf } from '../caller';
import type { AppModules } from '../services/apps/appModules';
import type { AppService } from '../services/apps/appService';
import { appTarget, onApp } from './apps';
import { defineHandler } from './handler';

/** Update dry runs (authorised and audited like updates) and module drift (read like the app). */
export function appModuleHandlers(apps: AppService, modules: AppModules) {
  return [
    defineHandler({
      type: DryRunUpdate,
      authorize: onApp(apps, 'app.update'),
      handle: (params, context) => modules.dryRunUpdate(params.appId, params.ref, actorOf(context.caller)),
      target: appTarget,
    }),
    defineHandler({
      type: GetModuleDrift,
      authorize: onApp(apps, 'app.refresh'),
      handle: (params) => modules.drift(params.appId),
    }),
  ];
}
