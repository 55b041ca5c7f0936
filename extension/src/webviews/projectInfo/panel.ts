import { GetProject, UpdateProject, type Permissions } from '@paas/protocol';
import {
  ProjectInfoToExtensionSchema,
  type ProjectInfoToExtension,
  type ProjectInfoToWebview,
} from '../messages/projectInfo';
import { accessViewOf } from '../shared/access';
import type { AgentRequester } from '../shared/agent';
import type { ScreenSpec } from '../shared/panelHost';
import { PanelRegistry, keyOf, screenTitle, type ProjectKey } from '../shared/panels';
import { showScreen, type Screen, type ScreenDeps } from '../shared/screenPanel';

export interface ProjectInfoDeps extends ScreenDeps {
  /** The connection to the project's agent, and the caller's permissions from its `initialize`. */
  agent(serverId: string): Promise<{ agent: AgentRequester; permissions: Permissions }>;
}

const SPEC: ScreenSpec<ProjectInfoToExtension> = {
  viewType: 'paas.projectInfo',
  screen: 'projectInfo',
  title: 'Project info',
  inbound: ProjectInfoToExtensionSchema,
};
const open = new PanelRegistry<Screen<ProjectInfoToWebview>>();

/** Project Info: General Info and Configuration, saved through `projects/update`. */
export function showProjectInfo(deps: ProjectInfoDeps, ref: ProjectKey): Screen<ProjectInfoToWebview> {
  return showScreen(open, SPEC, deps, keyOf(ref), (post, panel) => {
    const sendModel = async (): Promise<void> => {
      const { agent, permissions } = await deps.agent(ref.serverId);
      const { project } = await agent.request(GetProject, { projectId: ref.projectId });
      panel.title = screenTitle(project.name, 'Info');
      post({ type: 'init', model: { project, access: accessViewOf(permissions) } });
    };
    return {
      onReady: sendModel,
      handlers: {
        refresh: sendModel,
        save: async ({ params }) => {
          const checked = UpdateProject.params.parse({ ...params, projectId: ref.projectId });
          const { agent, permissions } = await deps.agent(ref.serverId);
          const { project } = await agent.request(UpdateProject, checked);
          post({ type: 'init', model: { project, access: accessViewOf(permissions) } });
        },
      },
    };
  });
}
