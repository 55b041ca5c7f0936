import { CreateProject } from '@paas/protocol';
import type * as vscode from 'vscode';
import {
  CreateProjectToExtensionSchema,
  type CreateProjectModel,
  type CreateProjectToExtension,
  type CreateProjectToWebview,
} from '../messages/createProject';
import type { AgentRequester } from '../shared/agent';
import type { ScreenSpec } from '../shared/panelHost';
import { PanelRegistry } from '../shared/panels';
import { showScreen, type Screen, type ScreenDeps } from '../shared/screenPanel';

/** What project creation needs beyond `projects/create`. */
export interface CreateProjectBackend {
  /** The agent to create the project on (the user picked it, or the only one). */
  agent(): Promise<AgentRequester>;
  /** The user's current organization on that agent (undefined: the agent's default, their only one). */
  organizationId(): string | undefined;
  /** Plans, Odoo versions and the caller's permissions. */
  model(): Promise<CreateProjectModel>;
  /** The registry's branches (`projects/branches`: `git ls-remote --heads` on the agent, with the form's credentials). */
  listBranches(registryUrl: string, credentials: unknown): Promise<string[]>;
  /** After creation: refresh the sidebar and open the new project's dashboard. */
  created(projectId: string): Promise<void>;
}

export interface CreateProjectDeps extends ScreenDeps {
  backend: CreateProjectBackend;
}

const SPEC: ScreenSpec<CreateProjectToExtension> = {
  viewType: 'paas.createProject',
  screen: 'createProject',
  title: 'Create project',
  inbound: CreateProjectToExtensionSchema,
};
const open = new PanelRegistry<Screen<CreateProjectToWebview>>();

/** Opens the two-step project creation: plan, then details and first environment. */
export function showCreateProject(deps: CreateProjectDeps): Screen<CreateProjectToWebview> {
  const b = deps.backend;
  return showScreen(open, SPEC, deps, 'create', (post, panel: vscode.WebviewPanel) => ({
    onReady: async () => post({ type: 'init', model: await b.model() }),
    handlers: {
      listBranches: async ({ registryUrl, credentials }) =>
        post({ type: 'branches', registryUrl, branches: await b.listBranches(registryUrl, credentials) }),
      // Checked with the agent's own schema first, so local and agent errors read the same.
      submit: async ({ params }) => {
        const checked = CreateProject.params.parse({ organizationId: b.organizationId(), ...params });
        const { project } = await (await b.agent()).request(CreateProject, checked);
        post({ type: 'created', projectId: project.id, projectName: project.name });
        await b.created(project.id);
      },
      cancel: () => panel.dispose(),
    },
  }));
}
