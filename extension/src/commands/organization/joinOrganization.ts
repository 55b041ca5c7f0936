import { AcceptInvitation, type Organization } from '@paas/protocol';
import * as vscode from 'vscode';
import { agentUrlText, normalizeAgentUrl } from '../../client/serverUrl';
import { addServer, type AddedServer } from '../server/addServer';
import { chooseServer } from '../server/chooseServer';
import { required, type Command, type CommandContext } from '../command';

/** Arguments from a join link (`server`, `code`) or a script; each one given skips its prompt. */
interface JoinArgs {
  code?: string;
  /** The agent's address, from a join link: a server not yet known is added the way Add Server does. */
  server?: string;
  serverId?: string;
  /** For scripts and tests adding the server: its token and expected certificate fingerprint. */
  token?: string;
  trust?: string;
  /** Set by the UriHandler: a link can come from anywhere, so the user confirms before joining. */
  fromLink?: boolean;
}

/** The server the invitation is for: the link's (added first when unknown), else one the user picks. */
async function serverOf(context: CommandContext, args: JoinArgs): Promise<string> {
  if (args.server === undefined)
    return (await chooseServer(context, args, 'Join an organization on which server?')).id;
  const known = context.store.findByUrl(agentUrlText(normalizeAgentUrl(args.server)));
  if (known) return known.id;
  const added = (await addServer.run(context, {
    url: args.server,
    token: args.token,
    trust: args.trust,
  })) as AddedServer;
  return added.id;
}

async function confirmLink(server: string): Promise<void> {
  const join = 'Join';
  required(
    await vscode.window.showInformationMessage(
      `Join an organization on ${server} with the invitation code from this link?`,
      { modal: true, detail: 'The code works only for the email it was sent to.' },
      join,
    ),
  );
}

/** Accepts an invitation code: joins its organization with the invited role and makes it current. */
export const joinOrganization: Command = {
  id: 'paas.organization.join',
  async run(context, rawArgs?: unknown): Promise<Organization> {
    const args = (typeof rawArgs === 'object' && rawArgs !== null ? rawArgs : {}) as JoinArgs;
    const code =
      args.code ??
      required(
        await vscode.window.showInputBox({
          title: 'PaaS.sh: Join Organization',
          prompt: 'The invitation code the inviter passed on',
          password: true,
          ignoreFocusOut: true,
          validateInput: (value) => (value.trim() === '' ? 'paste the code' : undefined),
        }),
      );
    if (args.fromLink) await confirmLink(args.server ?? '');
    const serverId = await serverOf(context, args);
    await context.connections.whenConnected(serverId);
    const { organization } = await context.connections
      .get(serverId)!
      .request(AcceptInvitation, { invitationCode: code.trim() });
    await context.organizations.set(serverId, { id: organization.id, name: organization.name });
    context.refreshViews();
    void vscode.window.showInformationMessage(
      `PaaS.sh: you joined "${organization.name}" as ${organization.role}.`,
    );
    return organization;
  },
};
