import type * as vscode from 'vscode';
import type { Connections } from '../client/connections';
import type { OrganizationChoice } from '../client/organizationChoice';
import type { ServerStore } from '../client/serverStore';
import type { LogStreams } from '../logs/logStreams';
import type { Log } from '../log';
import type { ProjectsData } from '../views/projects/projectsData';
import type { WebviewTrace } from '../webviews/shared/trace';

/** What commands work with; built once in extension.ts. */
export interface CommandContext {
  readonly extension: vscode.ExtensionContext;
  readonly store: ServerStore;
  readonly connections: Connections;
  /** The current organization per server (a remembered choice; the agent lists the memberships). */
  readonly organizations: OrganizationChoice;
  readonly log: Log;
  readonly data: ProjectsData;
  readonly logs: LogStreams;
  /** Every webview panel's messages, for the in-host tests. */
  readonly webviewTrace: WebviewTrace;
  /** Reloads every PaaS.sh view from the agents. */
  refreshViews(): void;
}

/**
 * A command contributed as `paas.<area>.<verb>`. Arguments come from a tree item (the node), from a
 * script or test (a plain object), or are absent (palette: the command asks).
 */
export interface Command {
  readonly id: string;
  run(context: CommandContext, ...args: unknown[]): unknown;
}

/** The user dismissed a prompt: the command ends quietly. */
export class Cancelled extends Error {
  override readonly name = 'Cancelled';
  constructor() {
    super('cancelled');
  }
}

/** Returns `value` or ends the command when the user dismissed the prompt that produced it. */
export function required<T>(value: T | undefined): T {
  if (value === undefined) throw new Cancelled();
  return value;
}
