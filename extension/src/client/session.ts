import type { Permissions } from '@paas/protocol';

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
  /** Request methods the agent answers: features it lacks are hidden rather than failing. */
  methods: ReadonlySet<string>;
  notifications: ReadonlySet<string>;
}
