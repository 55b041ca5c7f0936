import type { Role } from '@paas/protocol';
import {
  CollaboratorsToExtensionSchema,
  type CollaboratorsModel,
  type CollaboratorsToExtension,
  type CollaboratorsToWebview,
} from '../messages/collaborators';
import type { ScreenSpec } from '../shared/panelHost';
import { PanelRegistry, keyOf, screenTitle, type ProjectKey } from '../shared/panels';
import { showScreen, type Screen, type ScreenDeps } from '../shared/screenPanel';

/**
 * Project collaborators over the access protocol (members/teams requests). Each call rejects with the
 * agent's `RpcError` (e.g. `Forbidden` for the hierarchy rule, `InvalidParams` with issue paths `email` or
 * `role`); the webview shows it beside the field or row.
 */
export interface CollaboratorsBackend {
  load(ref: ProjectKey): Promise<CollaboratorsModel>;
  addUser(ref: ProjectKey, email: string, role: Role): Promise<void>;
  addTeam(ref: ProjectKey, teamId: string, role: Role): Promise<void>;
  changeRole(ref: ProjectKey, collaboratorId: string, role: Role): Promise<void>;
  /** Asks for confirmation first. */
  remove(ref: ProjectKey, collaboratorId: string): Promise<void>;
}

export interface CollaboratorsDeps extends ScreenDeps {
  backend: CollaboratorsBackend;
}

const SPEC: ScreenSpec<CollaboratorsToExtension> = {
  viewType: 'paas.collaborators',
  screen: 'collaborators',
  title: 'Collaborators',
  inbound: CollaboratorsToExtensionSchema,
};
const open = new PanelRegistry<Screen<CollaboratorsToWebview>>();

export function showCollaborators(deps: CollaboratorsDeps, ref: ProjectKey): Screen<CollaboratorsToWebview> {
  const b = deps.backend;
  return showScreen(open, SPEC, deps, keyOf(ref), (post, panel) => {
    const sendModel = async (): Promise<void> => {
      const model = await b.load(ref);
      panel.title = screenTitle(model.projectName, 'Collaborators');
      post({ type: 'init', model });
    };
    // Every change re-sends the list, so the table shows what the agent holds.
    const thenReload =
      <A extends unknown[]>(change: (...args: A) => Promise<void>) =>
      async (...args: A): Promise<void> => {
        await change(...args);
        await sendModel();
      };
    return {
      onReady: sendModel,
      handlers: {
        addUser: ({ email, role }) => thenReload(b.addUser)(ref, email, role),
        addTeam: ({ teamId, role }) => thenReload(b.addTeam)(ref, teamId, role),
        changeRole: ({ collaboratorId, role }) => thenReload(b.changeRole)(ref, collaboratorId, role),
        remove: ({ collaboratorId }) => thenReload(b.remove)(ref, collaboratorId),
      },
    };
  });
}
