import type { Db } from './database';

/** A token as stored: never the secret itself, only its hash. It belongs to a user. */
export interface TokenRecord {
  id: string;
  userId: string;
  name: string;
  secretHash: Buffer;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  /** When the token stops being valid, or `null` for never. */
  expiresAt: string | null;
}

interface TokenRow {
  id: string;
  user_id: string;
  name: string;
  secret_hash: Buffer;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  expires_at: string | null;
}

function toRecord(row: TokenRow): TokenRecord {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    secretHash: row.secret_hash,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
    expiresAt: row.expires_at,
  };
}

export function insertToken(db: Db, token: Omit<TokenRecord, 'lastUsedAt' | 'revokedAt'>): void {
  db.prepare(
    `INSERT INTO tokens (id, user_id, name, secret_hash, created_at, expires_at)
     VALUES (@id, @userId, @name, @secretHash, @createdAt, @expiresAt)`,
  ).run(token);
}

export function findToken(db: Db, id: string): TokenRecord | undefined {
  const row = db.prepare('SELECT * FROM tokens WHERE id = ?').get(id) as TokenRow | undefined;
  return row && toRecord(row);
}

export function findActiveTokenByName(db: Db, name: string): TokenRecord | undefined {
  const row = db.prepare('SELECT * FROM tokens WHERE name = ? AND revoked_at IS NULL').get(name) as
    TokenRow | undefined;
  return row && toRecord(row);
}

export function listTokens(db: Db): TokenRecord[] {
  return (db.prepare('SELECT * FROM tokens ORDER BY created_at, id').all() as TokenRow[]).map(toRecord);
}

/** Marks a token revoked; returns whether an active token was revoked. */
export function revokeToken(db: Db, id: string, at: string): boolean {
  return (
    db.prepare('UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(at, id).changes ===
    1
  );
}

export function touchToken(db: Db, id: string, at: string): void {
  db.prepare('UPDATE tokens SET last_used_at = ? WHERE id = ?').run(at, id);
}
