import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../store/database';
import {
  findActiveTokenByName,
  findToken,
  insertToken,
  listTokens,
  revokeToken,
  type TokenRecord,
} from '../store/tokens';
import { newId, nowIso } from '../ids';

/** Tokens look like `paas_<id>_<secret>`: the id finds the row, the secret proves possession. */
const TOKEN_PATTERN = /^paas_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

/**
 * Secrets are 32 random bytes, so a plain SHA-256 is enough to make a stolen store useless: there is
 * nothing to brute-force as there would be with a human password. Invitation codes are hashed the same way.
 */
export function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}

/** A new random secret: 32 bytes, base64url (43 characters). */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

export type TokenState = 'active' | 'revoked' | 'expired';

/** A token's validity at `nowMs`: revocation first, then expiry. */
export function tokenState(record: Pick<TokenRecord, 'revokedAt' | 'expiresAt'>, nowMs: number): TokenState {
  if (record.revokedAt) return 'revoked';
  if (record.expiresAt && Date.parse(record.expiresAt) <= nowMs) return 'expired';
  return 'active';
}

export class TokenNameTakenError extends Error {
  override readonly name = 'TokenNameTakenError';
}

/** Issues, lists, verifies and revokes API tokens. Each token belongs to a user. */
export class TokenService {
  constructor(private readonly db: Db) {}

  /**
   * Creates a token and returns it in full; this is the only time the secret exists outside the client.
   * `expiresAt` (an ISO time) ends its validity, live sessions included; without it the token lasts until
   * revoked.
   */
  create(
    name: string,
    userId: string,
    expiresAt: string | null = null,
  ): { record: TokenRecord; token: string } {
    if (findActiveTokenByName(this.db, name))
      throw new TokenNameTakenError(`an active token named "${name}" exists`);
    const id = newId(12);
    const secret = newSecret();
    const record = { id, userId, name, secretHash: hashSecret(secret), createdAt: nowIso(), expiresAt };
    insertToken(this.db, record);
    return { record: { ...record, lastUsedAt: null, revokedAt: null }, token: `paas_${id}_${secret}` };
  }

  /** The active token a presented string proves, or `undefined`. Compares hashes in constant time. */
  verify(presented: string): TokenRecord | undefined {
    const match = TOKEN_PATTERN.exec(presented);
    if (!match) return undefined;
    const record = findToken(this.db, match[1]!);
    const presentedHash = hashSecret(match[2]!);
    // Compare even when the row is missing or revoked, so timing does not tell which ids exist.
    const expected = record?.secretHash ?? Buffer.alloc(presentedHash.length);
    const equal = expected.length === presentedHash.length && timingSafeEqual(expected, presentedHash);
    if (!record || !equal || tokenState(record, Date.now()) !== 'active') return undefined;
    return record;
  }

  /** Whether the token behind a session is still good, read afresh from the store. */
  stateOf(id: string, nowMs: number): TokenState {
    const record = findToken(this.db, id);
    return record ? tokenState(record, nowMs) : 'revoked';
  }

  list(): TokenRecord[] {
    return listTokens(this.db);
  }

  /** Revokes by id or by active name; returns the revoked token or `undefined` when none matched. */
  revoke(idOrName: string): TokenRecord | undefined {
    const record = findToken(this.db, idOrName) ?? findActiveTokenByName(this.db, idOrName);
    if (!record || !revokeToken(this.db, record.id, nowIso())) return undefined;
    return findToken(this.db, record.id);
  }
}
