import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { CloseCode, Ping } from '@paas/protocol';
import { runAgentCli, useAgent } from '../helpers/agentProcess';
import { TestClient, refusedUpgrade } from '../helpers/client';
import { tokenParts } from '../helpers/tokenParts';

/** Resolves with the close, or fails when the connection is still open after `ms`. */
async function closedWithin(client: TestClient, ms: number): Promise<{ code: number; reason: string }> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`the connection was still open after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([client.closed, late]);
  } finally {
    clearTimeout(timer);
  }
}

describe('agent transport: token revocation and expiry end live sessions', function () {
  this.timeout(60_000);
  const agent = useAgent();

  it('closes a revoked token\u2019s open connection within a second, with 4001 and a reason', async () => {
    const token = agent().createToken('admin', 'revoked-live');
    const other = agent().createToken('admin', 'stays');
    const live = await TestClient.open(agent().url, token);
    const bystander = await TestClient.open(agent().url, other);
    await live.request(Ping, {});
    assert.equal(runAgentCli(agent().dataDir, ['token', 'revoke', 'revoked-live']).status, 0);
    const closed = await closedWithin(live, 1000);
    assert.equal(closed.code, CloseCode.TokenRevoked);
    assert.match(closed.reason, /revoked/);
    assert.equal((await bystander.request(Ping, { payload: 'still here' })).payload, 'still here');
    await bystander.close();
  });

  it('refuses an expired token at connect and closes a live session at its expiry', async () => {
    const created = runAgentCli(agent().dataDir, [
      'token',
      'create',
      '--name',
      'short-lived',
      '--role',
      'viewer',
      '--expires',
      '1m',
    ]);
    assert.equal(created.status, 0, created.stderr);
    assert.match(created.stderr, /valid until/);
    const token = created.stdout.trim();
    const listed = runAgentCli(agent().dataDir, ['token', 'list', '--json']);
    const row = (JSON.parse(listed.stdout) as { name: string; expiresAt: string | null }[]).find(
      (r) => r.name === 'short-lived',
    );
    assert.ok(row?.expiresAt, '`token list` shows the expiry');
    // A minute is the shortest expiry the CLI takes: bring it to 1.5 s from now in the store itself.
    const store = new Database(join(agent().dataDir, 'agent.sqlite'));
    const setExpiry = (ms: number) =>
      store
        .prepare('UPDATE tokens SET expires_at = ? WHERE id = ?')
        .run(new Date(Date.now() + ms).toISOString(), tokenParts(token).id);
    try {
      setExpiry(1500);
      const live = await TestClient.open(agent().url, token);
      await live.request(Ping, {});
      const closed = await closedWithin(live, 3000);
      assert.equal(closed.code, CloseCode.TokenExpired);
      assert.match(closed.reason, /expired/);
      assert.equal((await refusedUpgrade(TestClient.connect(agent().url, token))).status, 401);
      setExpiry(-1000);
      assert.equal((await refusedUpgrade(TestClient.connect(agent().url, token))).status, 401);
    } finally {
      store.close();
    }
  });

  it('refuses a malformed --expires', () => {
    for (const value of ['30', '30s', '-1d', '1.5h', 'd']) {
      const result = runAgentCli(agent().dataDir, [
        'token',
        'create',
        '--name',
        `bad-${value}`,
        '--role',
        'viewer',
        '--expires',
        value,
      ]);
      assert.notEqual(result.status, 0, value);
      assert.match(result.stderr, /m, h or d/);
    }
  });
});
