import { ListOrganizations } from '@paas/protocol';
import * as vscode from 'vscode';
import type { Connections } from '../client/connections';
import type { OrganizationChoice } from '../client/organizationChoice';
import type { ServerStore } from '../client/serverStore';
import type { Log } from '../log';

/**
 * The current organization of each connected server; a click switches it. On connecting, the agent's
 * list is read so a remembered choice that is no longer a membership moves to one that is.
 */
export class OrganizationStatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(
    'paas.organization',
    vscode.StatusBarAlignment.Left,
    9,
  );
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly store: ServerStore,
    private readonly connections: Connections,
    private readonly choice: OrganizationChoice,
    private readonly log: Log,
  ) {
    this.item.name = 'PaaS.sh Organization';
    this.item.command = 'paas.organization.switch';
    this.subscriptions = [
      connections.onDidChange((connection) => {
        if (connection?.state.kind === 'connected') void this.resolve(connection.serverId);
        this.update();
      }),
      choice.onDidChange(() => this.update()),
    ];
    for (const connection of connections.all())
      if (connection.state.kind === 'connected') void this.resolve(connection.serverId);
    this.update();
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.item.dispose();
  }

  private async resolve(serverId: string): Promise<void> {
    const connection = this.connections.get(serverId);
    if (!connection?.session?.methods.has(ListOrganizations.method)) return;
    try {
      await this.choice.resolve(connection);
    } catch (error) {
      this.log.warn(`reading the organizations of ${serverId} failed: ${(error as Error).message}`);
    }
  }

  private update(): void {
    const current = this.connections
      .all()
      .filter((c) => c.state.kind === 'connected')
      .flatMap((c) => {
        const organization = this.choice.get(c.serverId);
        return organization ? [{ server: this.store.get(c.serverId)?.name ?? c.serverId, organization }] : [];
      });
    if (current.length === 0) {
      this.item.hide();
      return;
    }
    const names = [...new Set(current.map((c) => c.organization.name))];
    this.item.text = `$(organization) ${names.join(' · ')}`;
    const lines = current.map((c) => `${c.server}: ${c.organization.name}`);
    this.item.tooltip = `Current PaaS.sh organization\n${lines.join('\n')}\n\nClick to switch`;
    this.item.show();
  }
}
