import { ErrorCode, RpcError } from '@paas/protocol';
import {
  SettingsToExtensionSchema,
  type SettingsModel,
  type SettingsToExtension,
  type SettingsToWebview,
} from '../messages/settings';
import type { ScreenSpec } from '../shared/panelHost';
import { PanelRegistry, keyOf, type ProjectKey } from '../shared/panels';
import { showScreen, type Screen, type ScreenDeps } from '../shared/screenPanel';

/** Project settings; deleting goes through `projects/delete` after a modal confirmation. */
export interface SettingsBackend {
  load(ref: ProjectKey): Promise<SettingsModel>;
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
  return showScreen(open, SPEC, deps, keyOf(ref), (post) => ({
    onReady: async () => post({ type: 'init', model: await b.load(ref) }),
    handlers: {
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
  }));
}
