import * as vscode from 'vscode';

/**
 * Open panels by key (e.g. one dashboard per project): showing a key that is open reveals it instead of
 * opening a second one. Entries leave when their panel closes.
 */
export class PanelRegistry<T extends { readonly panel: vscode.WebviewPanel }> {
  private readonly open = new Map<string, T>();

  reveal(key: string): T | undefined {
    const existing = this.open.get(key);
    existing?.panel.reveal();
    return existing;
  }

  add(key: string, item: T, onClose: () => void): T {
    this.open.set(key, item);
    item.panel.onDidDispose(() => {
      // A restored panel can take the key of one still open; closing the older must not forget the newer.
      if (this.open.get(key) === item) this.open.delete(key);
      onClose();
    });
    return item;
  }
}

/** The project a screen is about: which agent, which project. */
export interface ProjectKey {
  serverId: string;
  projectId: string;
}

/** A project screen's tab title, as the dashboard's: `Demo — Collaborators`. */
export function screenTitle(projectName: string, screen: string): string {
  return `${projectName} — ${screen}`;
}

export function keyOf(ref: ProjectKey): string {
  return `${ref.serverId}/${ref.projectId}`;
}

/** The organization a screen is about: which agent, which organization. */
export interface OrganizationKey {
  serverId: string;
  organizationId: string;
}
