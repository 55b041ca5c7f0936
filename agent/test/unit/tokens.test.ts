import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { TokenNameTakenError, TokenService } from '../../src/services/tokens';
import { UserService } from '../../src/services/users';
import type { Db } from '../../src/store/database';
import { migrate } from '../../src/store/migrations';
import { tokenParts } from '../helpers/tokenParts';

/** A tampered copy of `text`: one character at `index` replaced by another valid one. */
function tamper(text: string, index: number): string {
  const replacement = text[index] === 'a' ? 'b' : 'a';
  return text.slice(0, index) + replacement + text.slice(index + 1);
}

describe('agent TokenService', () => {
  let db: Db;
  let tokens: TokenService;
  let userId: string;

  beforeEach(() => {
    db = new Database(':memory:');
    migrate(db);
    tokens = new TokenService(db);
    userId = new UserService(db).create('ci@example.com', 'CI').id;
  });

  afterEach(() => db.close());

  it('issues paas_<id>_<secret> tokens and stores only the secret hash', () => {
    const { record, token } = tokens.create('ci', userId);
    const match = /^paas_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/.exec(token);
    assert.ok(match, token);
    assert.equal(match[1], record.id);
    const row = db.prepare('SELECT * FROM tokens WHERE id = ?').get(record.id) as Record<string, unknown>;
    const secret = match[2]!;
    const stored = row.secret_hash as Buffer;
    assert.ok(!stored.equals(Buffer.from(secret)), 'the secret itself is not stored');
    assert.ok(stored.equals(createHash('sha256').update(secret).digest()));
    assert.ok(!JSON.stringify(row).includes(secret));
  });

  it('verifies a token it issued', () => {
    const { record, token } = tokens.create('ci', userId);
    const verified = tokens.verify(token);
    assert.equal(verified?.id, record.id);
    assert.equal(verified?.userId, userId);
    assert.equal(verified?.name, 'ci');
  });

  it('issues a different secret every time', () => {
    const a = tokens.create('a', userId).token;
    const b = tokens.create('b', userId).token;
    assert.notEqual(tokenParts(a).secret, tokenParts(b).secret);
  });

  it('refuses a token with a tampered secret or id', () => {
    const { token } = tokens.create('ci', userId);
    assert.equal(tokens.verify(tamper(token, token.length - 1)), undefined, 'secret');
    assert.equal(tokens.verify(tamper(token, 'paas_'.length)), undefined, 'id');
  });

  it("refuses another token's secret under this token's id", () => {
    const a = tokenParts(tokens.create('a', userId).token);
    const b = tokenParts(tokens.create('b', userId).token);
    assert.equal(tokens.verify(`paas_${b.id}_${a.secret}`), undefined);
  });

  it('refuses strings that are not tokens', () => {
    const { token } = tokens.create('ci', userId);
    for (const presented of ['', 'paas_', token.slice(0, -1), `${token}x`, ` ${token}`, token.toUpperCase()])
      assert.equal(tokens.verify(presented), undefined, JSON.stringify(presented));
  });

  it('refuses a revoked token, by id or by name', () => {
    const first = tokens.create('by-id', userId);
    const second = tokens.create('by-name', userId);
    assert.equal(tokens.revoke(first.record.id)?.id, first.record.id);
    assert.equal(tokens.revoke('by-name')?.id, second.record.id);
    assert.equal(tokens.verify(first.token), undefined);
    assert.equal(tokens.verify(second.token), undefined);
    assert.ok(tokens.list().every((t) => t.revokedAt !== null));
  });

  it('revokes nothing when no active token matches', () => {
    const { record } = tokens.create('ci', userId);
    assert.equal(tokens.revoke('nobody'), undefined);
    tokens.revoke(record.id);
    assert.equal(tokens.revoke(record.id), undefined, 'a second revoke');
  });

  it('refuses a second active token with the same name, but allows it once the first is revoked', () => {
    tokens.create('ci', userId);
    assert.throws(() => tokens.create('ci', userId), TokenNameTakenError);
    assert.equal(tokens.list().length, 1, 'the refusal changed nothing');
    tokens.revoke('ci');
    const again = tokens.create('ci', userId);
    assert.equal(tokens.verify(again.token)?.id, again.record.id);
  });
});
