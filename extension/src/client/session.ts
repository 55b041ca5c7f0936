import type { Initialize, Permissions, ResultOf } from '@paas/protocol';

/** An HTTP transfer route the agent serves beside the WebSocket (`transfers.ts` in the protocol). */
export type TransferRoute = NonNullable<ResultOf<typeof Initialize>['capabilities']['transfers']>[number];

/** What the agent told us in the `initialize` handshake. */
export interface Session {
  agentVersion: string;
  /** The id of the machine the agent runs on. */
  serverId: string;
  protocolVersion: string;
  tokenName: string;
  /** Who the token belongs to, for tooltips. */
  user: { email: string; displayName: string };
  /**
   * Permissions in the caller's first organization (servers, organization-wide actions); absent when the
   * user belongs to none. Per project, collaborator grants can differ: see `access/permissions`.
   */
  permissions: Permissions | undefined;
  /** Whether the user is an agent administrator (database servers, storages, the engine). */
  agentAdministrator: boolean;
  /** Request methods the agent answers: features it lacks are hidden rather than failing. */
  methods: ReadonlySet<string>;
  notifications: ReadonlySet<string>;
  /** Transfer routes the agent serves; empty for agents older than protocol 1.1. */
  transfers: ReadonlySet<TransferRoute>;
  /** Whether the agent runs playbooks (its `runnersEnabled`); false for agents that do not say. */
  runners: boolean;
}
