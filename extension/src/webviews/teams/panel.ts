import {
  TeamsToExtensionSchema,
  type TeamsModel,
  type TeamsToExtension,
  type TeamsToWebview,
} from '../messages/teams';
import { modelSender, thenReload } from '../shared/organizationScreen';
import type { ScreenSpec } from '../shared/panelHost';
import { PanelRegistry, type OrganizationKey } from '../shared/panels';
import { showScreen, type Screen, type ScreenDeps } from '../shared/screenPanel';

/**
 * An organization's teams over `teams/*`: projects grant roles to them on the Collaborators screen. Each
 * call rejects with the agent's `RpcError` (e.g. `Conflict` for a taken name); the webview shows it.
 */
export interface TeamsBackend {
  load(ref: OrganizationKey): Promise<TeamsModel>;
  create(ref: OrganizationKey, name: string): Promise<void>;
  rename(ref: OrganizationKey, teamId: string, name: string): Promise<void>;
  /** Asks for confirmation first. */
  delete(ref: OrganizationKey, teamId: string): Promise<void>;
  addMember(ref: OrganizationKey, teamId: string, userId: string): Promise<void>;
  removeMember(ref: OrganizationKey, teamId: string, userId: string): Promise<void>;
}

export interface TeamsDeps extends ScreenDeps {
  backend: TeamsBackend;
}

const SPEC: ScreenSpec<TeamsToExtension> = {
  viewType: 'paas.teams',
  screen: 'teams',
  title: 'Teams',
  inbound: TeamsToExtensionSchema,
};
const open = new PanelRegistry<Screen<TeamsToWebview>>();

export function showTeams(deps: TeamsDeps, ref: OrganizationKey): Screen<TeamsToWebview> {
  const b = deps.backend;
  const key = `${ref.serverId}/${ref.organizationId}`;
  return showScreen(open, SPEC, deps, key, (post, panel) => {
    // A hidden panel's webview is discarded and says `ready` when shown again: that reloads the teams.
    const sendModel = modelSender(post, panel, 'Teams', () => b.load(ref), deps.log);
    const reloaded = thenReload(sendModel);
    return {
      onReady: sendModel,
      handlers: {
        refresh: sendModel,
        create: ({ name }) => reloaded(b.create)(ref, name),
        rename: ({ teamId, name }) => reloaded(b.rename)(ref, teamId, name),
        delete: ({ teamId }) => reloaded(b.delete)(ref, teamId),
        addMember: ({ teamId, userId }) => reloaded(b.addMember)(ref, teamId, userId),
        removeMember: ({ teamId, userId }) => reloaded(b.removeMember)(ref, teamId, userId),
      },
    };
  });
}
