import type { Role } from '@paas/protocol';

/** Who sent a request: the authenticated token and where the connection came from. */
export interface Caller {
  readonly tokenId: string;
  readonly tokenName: string;
  readonly role: Role;
  /** The peer's address, for the audit log and rate limiting. */
  readonly source: string;
}

/** How the caller appears in audit entries and logs: never the token itself. */
export function actorOf(caller: Caller): string {
  return `token:${caller.tokenName}`;
}
