/** Who sent a request: the user behind the authenticated token, and where the connection came from. */
export interface Caller {
  readonly tokenId: string;
  readonly tokenName: string;
  /** When the token expires (ISO time), or `null`: the session ends then. */
  readonly tokenExpiresAt: string | null;
  /** The user the token belongs to; roles come from the user's memberships and project grants. */
  readonly userId: string;
  /** The peer's address, for the audit log and rate limiting. */
  readonly source: string;
}

/** How the caller appears in audit entries and logs: never the token itself. */
export function actorOf(caller: Caller): string {
  return `user:${caller.userId}`;
}
