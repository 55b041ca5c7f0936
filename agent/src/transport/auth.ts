import type { IncomingMessage } from 'node:http';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { Caller } from '../caller';
import type { TokenService } from '../services/tokens';
import { nowIso } from '../ids';
import { touchToken } from '../store/tokens';
import type { Db } from '../store/database';

export type AuthOutcome =
  { ok: true; caller: Caller } | { ok: false; status: 401 | 429; reason: string; retryAfterSeconds?: number };

/** The address a request came from; the socket's own, since proxies are not trusted. */
export function sourceOf(request: IncomingMessage): string {
  return request.socket.remoteAddress ?? 'unknown';
}

function bearerOf(request: IncomingMessage): string | undefined {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}

/**
 * Checks `Authorization: Bearer <token>` on the WebSocket upgrade. Failed attempts are counted per source
 * address; past the limit the source is refused without looking at its token until the window passes.
 */
export class Authenticator {
  private readonly failures: RateLimiterMemory;

  constructor(
    private readonly tokens: TokenService,
    private readonly db: Db,
    limits: { failuresPerWindow: number; windowSeconds: number },
  ) {
    this.failures = new RateLimiterMemory({
      points: limits.failuresPerWindow,
      duration: limits.windowSeconds,
    });
  }

  async authenticate(request: IncomingMessage): Promise<AuthOutcome> {
    const source = sourceOf(request);
    const state = await this.failures.get(source);
    if (state && state.remainingPoints <= 0) {
      return {
        ok: false,
        status: 429,
        reason: 'too many failed attempts',
        retryAfterSeconds: Math.ceil(state.msBeforeNext / 1000),
      };
    }
    const presented = bearerOf(request);
    const record = presented ? this.tokens.verify(presented) : undefined;
    if (!record) {
      await this.failures.consume(source).catch(() => undefined);
      return {
        ok: false,
        status: 401,
        reason: presented ? 'invalid, revoked or expired token' : 'missing bearer token',
      };
    }
    touchToken(this.db, record.id, nowIso());
    return {
      ok: true,
      caller: {
        tokenId: record.id,
        tokenName: record.name,
        tokenExpiresAt: record.expiresAt,
        userId: record.userId,
        source,
      },
    };
  }
}
