import { strict as assert } from 'node:assert';
import { X509Certificate, createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { storePath } from '../../src/store/database';
import { AGENT_BIN, runAgentCli, runAgentCommand, useAgent } from '../helpers/agentProcess';
import { TestClient, refusedUpgrade } from '../helpers/client';
import { tokenParts } from '../helpers/tokenParts';

const AGENT_VERSION = (
  JSON.parse(readFileSync(join(AGENT_BIN, '..', '..', 'package.json'), 'utf8')) as { version: string }
).version;

describe('agent CLI', () => {
  const agent = useAgent();

  function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
    return runAgentCli(agent().dataDir, args);
  }

  it('prints a new token once, on stdout only, and it works', async () => {
    const created = cli('token', 'create', '--name', 'laptop', '--role', 'developer');
    assert.equal(created.status, 0, created.stderr);
    const lines = created.stdout.split('\n').filter(Boolean);
    assert.equal(lines.length, 1);
    const token = lines[0]!;
    assert.match(token, /^paas_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
    assert.ok(!created.stderr.includes(tokenParts(token).secret), 'stderr does not repeat it');
    const client = await TestClient.open(agent().url, token);
    await client.close();
  });

  it('lists tokens without their secrets or hashes', () => {
    const token = cli('token', 'create', '--name', 'listed', '--role', 'viewer').stdout.trim();
    const secret = tokenParts(token).secret;
    const hash = createHash('sha256').update(secret).digest();
    for (const args of [
      ['token', 'list'],
      ['token', 'list', '--json'],
    ]) {
      const listed = cli(...args);
      assert.equal(listed.status, 0, listed.stderr);
      assert.ok(listed.stdout.includes('listed'), 'the token is listed');
      for (const form of [secret, hash.toString('hex'), hash.toString('base64'), hash.toString('base64url')])
        assert.ok(!listed.stdout.includes(form), `token list ${args.join(' ')} shows ${form}`);
    }
    const rows = JSON.parse(cli('token', 'list', '--json').stdout) as Record<string, unknown>[];
    const row = rows.find((r) => r.name === 'listed');
    assert.deepEqual(Object.keys(row ?? {}).sort(), [
      'createdAt',
      'expiresAt',
      'id',
      'lastUsedAt',
      'name',
      'revokedAt',
      'role',
      'user',
    ]);
  });

  it('revokes a token so connections with it are refused with 401', async () => {
    const token = cli('token', 'create', '--name', 'to-revoke', '--role', 'admin').stdout.trim();
    const revoked = cli('token', 'revoke', 'to-revoke');
    assert.equal(revoked.status, 0, revoked.stderr);
    assert.equal((await refusedUpgrade(TestClient.connect(agent().url, token))).status, 401);
    assert.notEqual(cli('token', 'revoke', 'to-revoke').status, 0, 'a second revoke fails');
  });

  it('refuses a duplicate name, an unknown role and a missing name', () => {
    cli('token', 'create', '--name', 'twice', '--role', 'viewer');
    const duplicate = cli('token', 'create', '--name', 'twice', '--role', 'viewer');
    assert.notEqual(duplicate.status, 0);
    assert.match(duplicate.stderr, /twice/);
    assert.equal(duplicate.stdout, '');
    const badRole = cli('token', 'create', '--name', 'r', '--role', 'superuser');
    assert.notEqual(badRole.status, 0);
    assert.match(badRole.stderr, /owner, admin, developerPlus, developer, viewer/);
    assert.notEqual(cli('token', 'create', '--role', 'viewer').status, 0);
  });

  it('writes token creation and revocation to the audit log', () => {
    const token = cli('token', 'create', '--name', 'audited', '--role', 'viewer').stdout.trim();
    const id = tokenParts(token).id;
    cli('token', 'revoke', id);
    const db = new Database(storePath(agent().dataDir), { readonly: true });
    try {
      const rows = db
        .prepare('SELECT action, outcome, params FROM audit_log WHERE target = ? ORDER BY id')
        .all(`token:${id}`) as { action: string; outcome: string; params: string }[];
      assert.deepEqual(
        rows.map((r) => [r.action, r.outcome]),
        [
          ['token/create', 'succeeded'],
          ['token/revoke', 'succeeded'],
        ],
      );
      assert.ok(rows.every((r) => !r.params.includes(tokenParts(token).secret)));
    } finally {
      db.close();
    }
  });

  it('prints its certificate as PEM, the one it serves', () => {
    const printed = cli('certificate');
    assert.equal(printed.status, 0, printed.stderr);
    assert.match(printed.stdout, /^-----BEGIN CERTIFICATE-----\n[\s\S]+\n-----END CERTIFICATE-----\n$/);
    assert.equal(new X509Certificate(printed.stdout).fingerprint256, agent().fingerprint);
  });

  it('prints its version', () => {
    for (const args of [['version'], ['--version']]) {
      const result = runAgentCommand(args);
      assert.equal(result.status, 0, result.stderr);
      assert.equal(result.stdout.trim(), AGENT_VERSION);
    }
  });

  it('lists its commands in --help', () => {
    const help = runAgentCommand(['--help']);
    assert.equal(help.status, 0, help.stderr);
    for (const command of ['serve', 'token', 'admin', 'version', 'fingerprint', 'certificate'])
      assert.match(help.stdout, new RegExp(`^\\s+${command}\\b`, 'm'));
    const tokenHelp = runAgentCommand(['token', '--help']);
    for (const command of ['create', 'list', 'revoke'])
      assert.match(tokenHelp.stdout, new RegExp(`^\\s+${command}\\b`, 'm'));
  });
});
