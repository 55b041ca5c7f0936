import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Ping } from '@paas/protocol';
import { storePath } from '../../src/store/database';
import { startAgentProcess } from '../helpers/agentProcess';
import { TestClient } from '../helpers/client';

describe('agent transport: shutdown', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'paas-shutdown-'));
  });

  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('on SIGTERM closes clients with 1001, exits 0 and leaves a consistent store', async () => {
    const agent = await startAgentProcess({ dataDir });
    const token = agent.createToken('admin');
    const clients = await Promise.all([TestClient.open(agent.url, token), TestClient.open(agent.url, token)]);
    await Promise.all(clients.map((client) => client.request(Ping, {})));
    const idle = await TestClient.connect(agent.url, token);
    assert.equal(await agent.stop(), 0);
    for (const client of [...clients, idle]) assert.equal((await client.closed).code, 1001);
    assert.ok(
      agent.logs.some((entry) => entry.msg === 'agent stopped'),
      'the agent says it stopped',
    );
    const db = new Database(storePath(dataDir), { readonly: true });
    try {
      assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
      assert.equal((db.prepare('SELECT COUNT(*) AS n FROM tokens').get() as { n: number }).n, 1);
    } finally {
      db.close();
    }
  });

  it('starts again on the same data directory after a SIGKILL', async () => {
    const first = await startAgentProcess({ dataDir });
    const token = first.createToken('viewer');
    await first.kill();
    const second = await startAgentProcess({ dataDir });
    try {
      const client = await TestClient.open(second.url, token);
      assert.equal((await client.request(Ping, { payload: 'back' })).payload, 'back');
      await client.close();
    } finally {
      assert.equal(await second.stop(), 0);
    }
  });
});
