import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { defaultSecretKeyPath, storePath } from '../../src/store/database';
import { runAgentCli, startAgentProcess, useAgent } from '../helpers/agentProcess';
import { TestClient } from '../helpers/client';

describe('paas-agent store backup', () => {
  const agent = useAgent();
  let scratch: string;

  before(() => {
    scratch = mkdtempSync(join(tmpdir(), 'paas-store-backup-'));
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('copies the store of a running agent, and a data directory restored from it works', async () => {
    const token = agent().createToken('owner', 'before-backup');
    const copy = join(scratch, 'agent.sqlite.bak');
    const backup = runAgentCli(agent().dataDir, ['store', 'backup', copy]);
    assert.equal(backup.status, 0, backup.stderr);
    assert.equal(statSync(copy).mode & 0o777, 0o600);
    const db = new Database(copy, { readonly: true });
    try {
      assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    } finally {
      db.close();
    }
    // Restore: the copy as agent.sqlite next to the certificate, as the README describes.
    const restored = join(scratch, 'restored');
    cpSync(join(agent().dataDir, 'tls'), join(restored, 'tls'), { recursive: true });
    cpSync(copy, storePath(restored));
    // Without the secret key file the store's secrets are sealed for good: the agent says so and stops.
    const withoutKey = runAgentCli(restored, ['token', 'list']);
    assert.equal(withoutKey.status, 2);
    assert.match(withoutKey.stderr, /secret key file .*secret\.key is missing/);
    cpSync(defaultSecretKeyPath(agent().dataDir), defaultSecretKeyPath(restored));
    const second = await startAgentProcess({ dataDir: restored });
    try {
      assert.equal(second.fingerprint, agent().fingerprint, 'the restored certificate is the same');
      const client = await TestClient.open(second.url, token);
      await client.close();
    } finally {
      assert.equal(await second.stop(), 0);
    }
  });

  it('refuses to overwrite a file and leaves it untouched', () => {
    const existing = join(scratch, 'existing');
    writeFileSync(existing, 'keep me');
    const result = runAgentCli(agent().dataDir, ['store', 'backup', existing]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /cannot create .*existing/);
    assert.equal(statSync(existing).size, 'keep me'.length);
  });

  it('refuses a data directory without a store and creates nothing', () => {
    const empty = join(scratch, 'empty');
    const target = join(scratch, 'never');
    const result = runAgentCli(empty, ['store', 'backup', target]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /no agent store at/);
    assert.throws(() => statSync(target), /ENOENT/);
    assert.throws(() => statSync(empty), /ENOENT/);
  });
});
