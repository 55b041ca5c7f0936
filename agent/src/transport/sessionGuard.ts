import { CloseCode } from '@paas/protocol';
import type { TokenService, TokenState } from '../services/tokens';
import type { ClientConnection } from './connection';

/** How often sessions are checked: a revoked or expired token's connections end within this. */
const CHECK_INTERVAL_MS = 250;

const CLOSE_REASONS: Record<Exclude<TokenState, 'active'>, { code: CloseCode; reason: string }> = {
  revoked: { code: CloseCode.TokenRevoked, reason: 'the token of this session was revoked' },
  expired: { code: CloseCode.TokenExpired, reason: 'the token of this session expired' },
};

/**
 * Ends sessions whose token stops being valid. Authentication happens once, at the upgrade, and roles are
 * read afresh on every request; the token itself is revoked from the CLI, another process, so the store
 * is polled. `hasChanged` says whether anyone else wrote to it since the last call (SQLite's
 * `data_version`), so an idle agent reads nothing; expiry needs no read at all.
 */
export class SessionGuard {
  private readonly sessions = new Set<ClientConnection>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly tokens: Pick<TokenService, 'stateOf'>,
    private readonly hasChanged: () => boolean,
  ) {}

  watch(connection: ClientConnection): void {
    this.sessions.add(connection);
    connection.onClose(() => this.sessions.delete(connection));
    this.timer ??= setInterval(() => this.check(), CHECK_INTERVAL_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private check(): void {
    const now = Date.now();
    const reread = this.hasChanged();
    for (const connection of this.sessions) {
      const { tokenId, tokenExpiresAt } = connection.caller;
      let state: TokenState =
        tokenExpiresAt !== null && Date.parse(tokenExpiresAt) <= now ? 'expired' : 'active';
      if (state === 'active' && reread) state = this.tokens.stateOf(tokenId, now);
      if (state === 'active') continue;
      this.sessions.delete(connection);
      const { code, reason } = CLOSE_REASONS[state];
      connection.log.info({ reason }, 'ending the session');
      connection.close(code, reason);
    }
  }
}
