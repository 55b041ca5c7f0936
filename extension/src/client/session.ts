import type { Permissions } from '@paas/protocol';

/** What the agent told us in the `initialize` handshake. */
export interface Session {
  agentVersion: string;
  /** The id of the machine the agent runs on. */
  serverId: string;
  protocolVersion: string;
  tokenName: string;
  permissions: Permissions;
  /** Request methods the agent answers: features it lacks are hidden rather than failing. */
  methods: ReadonlySet<string>;
  notifications: ReadonlySet<string>;
}
