import type { Organization } from '@paas/protocol';
import * as vscode from 'vscode';
import { chooseServer } from '../server/chooseServer';
import { required, type Command } from '../command';
import { organizationScope } from './currentOrganization';

interface Choice extends vscode.QuickPickItem {
  organization?: Organization;
  command?: string;
}

/** Picks the current organization of a server among the user's memberships; `{ organizationId }` skips the pick. */
export const switchOrganization: Command = {
  id: 'paas.organization.switch',
  async run(context, target?: unknown): Promise<Organization | undefined> {
    const entry = await chooseServer(context, target, 'Switch the organization of which server?');
    const { organizations, current } = await organizationScope(context, entry.id);
    const wanted = (target as { organizationId?: unknown } | undefined)?.organizationId;
    if (typeof wanted === 'string' && !organizations.some((o) => o.id === wanted))
      throw new Error(`you are not a member of organization ${wanted}`);
    const choices: Choice[] = [
      ...organizations.map((o) => ({
        label: o.name,
        description: `${o.role}${o.id === current?.id ? ' · current' : ''}`,
        organization: o,
      })),
      { label: '$(add) Create Organization…', command: 'paas.organization.create' },
      { label: '$(mail) Join Organization…', command: 'paas.organization.join' },
    ];
    const picked =
      typeof wanted === 'string'
        ? choices.find((c) => c.organization?.id === wanted)!
        : required(
            await vscode.window.showQuickPick(choices, { placeHolder: `Organizations on ${entry.name}` }),
          );
    if (picked.command) {
      await vscode.commands.executeCommand(picked.command, { serverId: entry.id });
      return undefined;
    }
    const organization = picked.organization!;
    await context.organizations.set(entry.id, { id: organization.id, name: organization.name });
    context.refreshViews();
    return organization;
  },
};
