import type * as vscode from 'vscode';
import { membersBackend, showMembers, showTeams, teamsBackend } from '../../webviews/index';
import type { OrganizationKey } from '../../webviews/shared/panels';
import { screenDeps } from '../project/projectScreens';
import { chooseServer } from '../server/chooseServer';
import type { Command, CommandContext } from '../command';
import { organizationScope, requireCurrent } from './currentOrganization';

/**
 * A command that opens one of the current organization's screens, for a Servers view node, `{ serverId }`
 * or a server the user picks; resolves with the panel's view type.
 */
function organizationScreenCommand(
  id: string,
  open: (context: CommandContext, ref: OrganizationKey) => { readonly panel: vscode.WebviewPanel },
): Command {
  return {
    id,
    async run(context, target?: unknown): Promise<string> {
      const entry = await chooseServer(context, target, 'Which server?');
      const organization = requireCurrent(await organizationScope(context, entry.id));
      return open(context, { serverId: entry.id, organizationId: organization.id }).panel.viewType;
    },
  };
}

export const showMembersCommand = organizationScreenCommand('paas.organization.members', (context, ref) =>
  showMembers({ ...screenDeps(context), backend: membersBackend(context) }, ref),
);

export const showTeamsCommand = organizationScreenCommand('paas.organization.teams', (context, ref) =>
  showTeams({ ...screenDeps(context), backend: teamsBackend(context) }, ref),
);
