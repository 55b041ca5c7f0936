import {
  DatabasesToExtensionSchema,
  type DatabasesModel,
  type DatabasesToExtension,
  type DatabasesToWebview,
} from '../messages/databases';
import { postModel } from '../shared/loadModel';
import type { ScreenSpec } from '../shared/panelHost';
import { PanelRegistry, keyOf, screenTitle, type ProjectKey } from '../shared/panels';
import { showScreen, type Screen, type ScreenDeps } from '../shared/screenPanel';

/** The project's database servers and its apps' databases, over `databaseServers/*` and `databases/*`. */
export interface DatabasesBackend {
  load(ref: ProjectKey): Promise<DatabasesModel>;
  duplicate(ref: ProjectKey, serverId: string, source: string, target: string): Promise<void>;
  /** `confirmName` is what the user typed: the agent refuses the drop unless it is the name. */
  drop(ref: ProjectKey, serverId: string, name: string, confirmName: string): Promise<void>;
}

export interface DatabasesDeps extends ScreenDeps {
  backend: DatabasesBackend;
}

const SPEC: ScreenSpec<DatabasesToExtension> = {
  viewType: 'paas.databases',
  screen: 'databases',
  title: 'Databases',
  inbound: DatabasesToExtensionSchema,
};
const open = new PanelRegistry<Screen<DatabasesToWebview>>();

export function showDatabases(deps: DatabasesDeps, ref: ProjectKey): Screen<DatabasesToWebview> {
  const b = deps.backend;
  return showScreen(open, SPEC, deps, keyOf(ref), (post, panel) => {
    const sendModel = async (): Promise<void> => {
      const model = await postModel('databases', () => b.load(ref), post, deps.log);
      if (model) panel.title = screenTitle(model.projectName, 'Databases');
    };
    return {
      onReady: sendModel,
      handlers: {
        refresh: sendModel,
        duplicate: async ({ serverId, source, target }) => {
          await b.duplicate(ref, serverId, source, target);
          await sendModel();
        },
        drop: async ({ serverId, name, confirmName }) => {
          await b.drop(ref, serverId, name, confirmName);
          await sendModel();
        },
      },
    };
  });
}
