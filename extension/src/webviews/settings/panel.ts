import { ErrorCode, RpcError, type PlanChoice } from '@paas/protocol';
import {
  SettingsToExtensionSchema,
  type SettingsModel,
  type SettingsToExtension,
  type SettingsToWebview,
} from '../messages/settings';
import type { ScreenSpec } from '../shared/panelHost';
import { PanelRegistry, keyOf, screenTitle, type ProjectKey } from '../shared/panels';
import { showScreen, type Screen, type ScreenDeps } from '../shared/screenPanel';

/** Project settings: the plan (`projects/changePlan`), and deletion (`projects/delete`) after a modal confirmation. */
export interface SettingsBackend {
  load(ref: ProjectKey): Promise<SettingsModel>;
  /** Rejects with the agent's `LimitExceeded` when current usage exceeds the new plan. */
  changePlan(ref: ProjectKey, plan: PlanChoice): Promise<void>;
  /** Saves an environment's `preUpdateBackup` automation setting. */
  setPreUpdateBackup(ref: ProjectKey, environmentId: string, enabled: boolean): Promise<void>;
  /** Confirms in a modal dialog, deletes, closes the project's panels and refreshes the sidebar. */
  deleteProject(ref: ProjectKey): Promise<void>;
}

export interface SettingsDeps extends ScreenDeps {
  backend: SettingsBackend;
}

const SPEC: ScreenSpec<SettingsToExtension> = {
  viewType: 'paas.projectSettings',
  screen: 'settings',
  title: 'Project settings',
  inbound: SettingsToExtensionSchema,
};
const open = new PanelRegistry<Screen<SettingsToWebview>>();

export function showSettings(deps: SettingsDeps, ref: ProjectKey): Screen<SettingsToWebview> {
  const b = deps.backend;
  return showScreen(open, SPEC, deps, keyOf(ref), (post, panel) => {
    const sendModel = async (): Promise<void> => {
      const model = await b.load(ref);
      panel.title = screenTitle(model.project.name, 'Settings');
      post({ type: 'init', model });
    };
    return {
      onReady: sendModel,
      handlers: {
        changePlan: async ({ plan }) => {
          await b.changePlan(ref, plan);
          await sendModel();
        },
        setPreUpdateBackup: async ({ environmentId, enabled }) => {
          await b.setPreUpdateBackup(ref, environmentId, enabled);
          await sendModel();
        },
        deleteProject: async ({ confirmCode }) => {
          const { project } = await b.load(ref);
          // The typed code is checked here too: the webview's check is a convenience, not a guard.
          if (confirmCode !== project.code) {
            throw new RpcError(ErrorCode.InvalidParams, 'The confirmation does not match.', {
              issues: [{ path: ['confirmCode'], message: `type ${project.code} exactly` }],
            });
          }
          await b.deleteProject(ref);
        },
      },
    };
  });
}
