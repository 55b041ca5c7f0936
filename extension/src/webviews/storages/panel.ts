import {
  StoragesToExtensionSchema,
  type StorageTestResult,
  type StoragesModel,
  type StoragesToExtension,
  type StoragesToWebview,
} from '../messages/storages';
import { postModel } from '../shared/loadModel';
import type { ScreenSpec } from '../shared/panelHost';
import { PanelRegistry, keyOf, screenTitle, type ProjectKey } from '../shared/panels';
import { showScreen, type Screen, type ScreenDeps } from '../shared/screenPanel';

/** The agent's storages as the project sees them, over `storages/*`. */
export interface StoragesBackend {
  load(ref: ProjectKey): Promise<StoragesModel>;
  assign(ref: ProjectKey, storageId: string): Promise<void>;
  /** A storage that does not answer is a result (`ok: false`), not a failure of the request. */
  test(ref: ProjectKey, storageId: string): Promise<StorageTestResult>;
}

export interface StoragesDeps extends ScreenDeps {
  backend: StoragesBackend;
}

const SPEC: ScreenSpec<StoragesToExtension> = {
  viewType: 'paas.storages',
  screen: 'storages',
  title: 'Storages',
  inbound: StoragesToExtensionSchema,
};
const open = new PanelRegistry<Screen<StoragesToWebview>>();

export function showStorages(deps: StoragesDeps, ref: ProjectKey): Screen<StoragesToWebview> {
  const b = deps.backend;
  return showScreen(open, SPEC, deps, keyOf(ref), (post, panel) => {
    const sendModel = async (): Promise<void> => {
      const model = await postModel('storages', () => b.load(ref), post, deps.log);
      if (model) panel.title = screenTitle(model.projectName, 'Storages');
    };
    return {
      onReady: sendModel,
      handlers: {
        refresh: sendModel,
        assign: async ({ storageId }) => {
          await b.assign(ref, storageId);
          await sendModel();
        },
        test: async ({ storageId }) => {
          post({ type: 'testResult', result: await b.test(ref, storageId) });
        },
      },
    };
  });
}
