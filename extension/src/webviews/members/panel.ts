import type { Role } from '@paas/protocol';
import {
  MembersToExtensionSchema,
  type MembersModel,
  type MembersToExtension,
  type MembersToWebview,
  type NewInvitation,
} from '../messages/members';
import { modelSender, thenReload } from '../shared/organizationScreen';
import type { ScreenSpec } from '../shared/panelHost';
import { PanelRegistry, type OrganizationKey } from '../shared/panels';
import { showScreen, type Screen, type ScreenDeps } from '../shared/screenPanel';

/**
 * An organization's members and invitations over `members/*` and `invitations/*`. Each call rejects with
 * the agent's `RpcError` (`Forbidden` for the hierarchy rule, `Conflict` for the last Owner); the webview
 * shows it beside the row or form.
 */
export interface MembersBackend {
  load(ref: OrganizationKey): Promise<MembersModel>;
  changeRole(ref: OrganizationKey, userId: string, role: Role): Promise<void>;
  /** Asks for confirmation first. */
  remove(ref: OrganizationKey, userId: string): Promise<void>;
  invite(ref: OrganizationKey, email: string, role: Role): Promise<NewInvitation>;
  revoke(ref: OrganizationKey, invitationId: string): Promise<void>;
  copy(text: string): Promise<void>;
}

export interface MembersDeps extends ScreenDeps {
  backend: MembersBackend;
}

const SPEC: ScreenSpec<MembersToExtension> = {
  viewType: 'paas.members',
  screen: 'members',
  title: 'Members',
  inbound: MembersToExtensionSchema,
};
const open = new PanelRegistry<Screen<MembersToWebview>>();

export function showMembers(deps: MembersDeps, ref: OrganizationKey): Screen<MembersToWebview> {
  const b = deps.backend;
  const key = `${ref.serverId}/${ref.organizationId}`;
  return showScreen(open, SPEC, deps, key, (post, panel) => {
    // A hidden panel's webview is discarded and says `ready` when shown again: that reloads the lists.
    const sendModel = modelSender(post, panel, 'Members', () => b.load(ref), deps.log);
    const reloaded = thenReload(sendModel);
    return {
      onReady: sendModel,
      handlers: {
        refresh: sendModel,
        changeRole: ({ userId, role }) => reloaded(b.changeRole)(ref, userId, role),
        remove: ({ userId }) => reloaded(b.remove)(ref, userId),
        invite: async ({ email, role }) => {
          const invitation = await b.invite(ref, email, role);
          post({ type: 'invited', invitation });
          await sendModel();
        },
        revoke: ({ invitationId }) => reloaded(b.revoke)(ref, invitationId),
        copy: ({ text }) => b.copy(text),
      },
    };
  });
}
