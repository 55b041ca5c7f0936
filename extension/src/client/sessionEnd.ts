import { CloseCode } from '@paas/protocol';
import { ConnectionError, ConnectionErrorCode } from './errors';

const ENDED_BY_TOKEN = new Set<number>([CloseCode.TokenRevoked, CloseCode.TokenExpired]);

/**
 * The error to show when the agent ended the session on purpose (its token was revoked or expired), or
 * `undefined` for an ordinary drop. Such a session needs a new token: reconnecting with the old one would
 * only be refused.
 */
export function sessionEndError(code: number, reason: string): ConnectionError | undefined {
  if (!ENDED_BY_TOKEN.has(code)) return undefined;
  const why = reason || (code === CloseCode.TokenExpired ? 'the token expired' : 'the token was revoked');
  return new ConnectionError(
    ConnectionErrorCode.Unauthorized,
    `the agent ended the session: ${why}; sign in with a new token`,
    { data: { closeCode: code } },
  );
}
