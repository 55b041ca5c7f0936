import { CreateOrganization, type Organization } from '@paas/protocol';
import * as vscode from 'vscode';
import { chooseServer } from '../server/chooseServer';
import { required, type Command } from '../command';
import { organizationScope } from './currentOrganization';

/**
 * Creates an organization the user owns and makes it current. The seeds' rule: one per user as owner;
 * the agent enforces it (and may keep creation to agent administrators), so its refusal is shown as is.
 */
export const createOrganization: Command = {
  id: 'paas.organization.create',
  async run(context, target?: unknown): Promise<Organization> {
    const entry = await chooseServer(context, target, 'Create the organization on which server?');
    const { connection, session, organizations } = await organizationScope(context, entry.id);
    const own = organizations.find((o) => o.createdBy === session.user.id);
    if (own)
      throw new Error(
        `you already created "${own.name}": each user may create one organization; ask to be invited to others`,
      );
    const given = (target as { name?: unknown } | undefined)?.name;
    const name =
      typeof given === 'string'
        ? given
        : required(
            await vscode.window.showInputBox({
              title: 'PaaS.sh: Create Organization',
              prompt: 'Its display name',
              ignoreFocusOut: true,
              validateInput: (value) => (value.trim() === '' ? 'enter a name' : undefined),
            }),
          );
    const { organization } = await connection.request(CreateOrganization, { name: name.trim() });
    await context.organizations.set(entry.id, { id: organization.id, name: organization.name });
    context.refreshViews();
    void vscode.window.showInformationMessage(`PaaS.sh: "${organization.name}" created; you are its Owner.`);
    return organization;
  },
};
