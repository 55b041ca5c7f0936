import { strict as assert } from 'node:assert';
import { Ping } from '@paas/protocol';
import { runAgentCli, useAgent } from '../helpers/agentProcess';
import { TestClient, refusedUpgrade } from '../helpers/client';
import { tokenParts } from '../helpers/tokenParts';

/** A token that looks right but whose secret is wrong. */
function tampered(token: string): string {
  return token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
}

describe('agent transport: authentication', () => {
  describe('with a generous failure limit', () => {
    const agent = useAgent({ env: { PAAS_AGENT_AUTH_FAILURES_PER_WINDOW: '1000' } });

    const refusals: [string, (token: string) => Record<string, string>][] = [
      ['no Authorization header', () => ({})],
      ['an empty bearer', () => ({ Authorization: 'Bearer ' })],
      ['another scheme', (token) => ({ Authorization: `Basic ${token}` })],
      ['a tampered token', (token) => ({ Authorization: `Bearer ${tampered(token)}` })],
      ['a made-up token', () => ({ Authorization: `Bearer paas_abcdefghijkl_${'x'.repeat(43)}` })],
      ['garbage', () => ({ Authorization: 'Bearer \u00ff\u00fe' })],
    ];
    for (const [name, headers] of refusals) {
      it(`refuses ${name} with 401 and WWW-Authenticate, before the upgrade`, async () => {
        const token = agent().createToken('viewer');
        const refusal = await refusedUpgrade(
          TestClient.connect(agent().url, undefined, { headers: headers(token) }),
        );
        assert.equal(refusal.status, 401);
        assert.match(String(refusal.headers['www-authenticate']), /^Bearer realm=/);
      });
    }

    it('refuses a revoked token with 401, and goes on accepting others', async () => {
      const token = agent().createToken('admin', 'soon-revoked');
      const other = agent().createToken('admin');
      const before = await TestClient.open(agent().url, token);
      await before.close();
      assert.equal(runAgentCli(agent().dataDir, ['token', 'revoke', 'soon-revoked']).status, 0);
      assert.equal((await refusedUpgrade(TestClient.connect(agent().url, token))).status, 401);
      const still = await TestClient.open(agent().url, other);
      assert.equal((await still.request(Ping, {})).payload, undefined);
      await still.close();
    });

    it('never writes a token to its output', async () => {
      const token = agent().createToken('owner');
      const good = await TestClient.open(agent().url, token);
      await good.request(Ping, { payload: 'hello' });
      await good.close();
      for (const bad of [tampered(token), `${token}x`, 'not-a-token-at-all-1234'])
        await refusedUpgrade(TestClient.connect(agent().url, bad));
      const secret = tokenParts(token).secret;
      const output = agent().output();
      assert.ok(output.includes('client connected'), 'the connections were logged');
      const connected = agent().logs.filter((entry) => entry.msg === 'client connected');
      assert.ok(
        connected.some((entry) => /^test-owner-/.test(String(entry.tokenName))),
        'the connection is logged with its token name',
      );
      for (const leaked of [
        token,
        secret,
        tampered(token),
        tokenParts(tampered(token)).secret,
        'not-a-token-at-all-1234',
      ])
        assert.ok(!output.includes(leaked), `the output contains ${leaked}`);
      for (const entry of agent().logs)
        assert.equal(typeof entry.level, 'number', `not a JSON log line: ${JSON.stringify(entry)}`);
    });
  });

  describe('with a failure limit of 3', () => {
    const agent = useAgent({ env: { PAAS_AGENT_AUTH_FAILURES_PER_WINDOW: '3' } });

    it('answers 429 with Retry-After once a source failed too often, even with a good token', async () => {
      const token = agent().createToken('developer');
      const ok = await TestClient.open(agent().url, token);
      await ok.close();
      for (let attempt = 1; attempt <= 3; attempt++)
        assert.equal((await refusedUpgrade(TestClient.connect(agent().url, tampered(token)))).status, 401);
      const limited = await refusedUpgrade(TestClient.connect(agent().url, tampered(token)));
      assert.equal(limited.status, 429);
      assert.ok(Number(limited.headers['retry-after']) > 0, String(limited.headers['retry-after']));
      assert.equal((await refusedUpgrade(TestClient.connect(agent().url, token))).status, 429);
    });
  });
});
