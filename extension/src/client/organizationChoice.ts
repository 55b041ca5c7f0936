import { ListOrganizations, type Organization } from '@paas/protocol';
import * as vscode from 'vscode';
import type { AgentConnection } from './agentConnection';

/** The organization a server's screens and Projects view are about, as the user last chose it. */
export interface ChosenOrganization {
  id: string;
  name: string;
}

const STATE_KEY = 'paas.currentOrganizations';

/**
 * The current organization per server, kept in global state (an id and a name: nothing secret) so the
 * choice survives reloads. Which organizations exist is the agent's answer; this only remembers a choice.
 */
export class OrganizationChoice implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with the server id whose organization changed. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: vscode.Memento) {}

  get(serverId: string): ChosenOrganization | undefined {
    return this.all()[serverId];
  }

  async set(serverId: string, organization: ChosenOrganization): Promise<void> {
    const current = this.get(serverId);
    if (current?.id === organization.id && current.name === organization.name) return;
    await this.state.update(STATE_KEY, { ...this.all(), [serverId]: organization });
    this.changed.fire(serverId);
  }

  /**
   * Asks the agent which organizations the user belongs to, and keeps the choice valid: a membership that
   * ended, or a first visit, moves it to the first organization the agent lists.
   */
  async resolve(
    connection: AgentConnection,
  ): Promise<{ organizations: Organization[]; current: Organization | undefined }> {
    const { organizations } = await connection.request(ListOrganizations, {});
    const chosen = this.get(connection.serverId);
    const current = organizations.find((o) => o.id === chosen?.id) ?? organizations[0];
    if (current) await this.set(connection.serverId, { id: current.id, name: current.name });
    return { organizations, current };
  }

  dispose(): void {
    this.changed.dispose();
  }

  private all(): Record<string, ChosenOrganization> {
    return this.state.get<Record<string, ChosenOrganization>>(STATE_KEY) ?? {};
  }
}
