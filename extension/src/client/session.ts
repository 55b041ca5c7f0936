import { can, type Action, type EnvironmentType, type Permissions } from '@paas/protocol';

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

/** Whether the session's caller may take `action` (in an environment of `environmentType`, where that matters). */
export function sessionAllows(session: Session, action: Action, environmentType?: EnvironmentType): boolean {
  return can(session.permissions.role, action, environmentType);
}
