import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type PeerCertificate } from 'node:tls';
import { Ping } from '@paas/protocol';
import { AgentStartError, runAgentCli, startAgentProcess, type AgentProcess } from '../helpers/agentProcess';
import { TestClient } from '../helpers/client';

/** The certificate a TLS server presents on 127.0.0.1:port. */
function servedCertificate(port: number): Promise<PeerCertificate> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, rejectUnauthorized: false }, () => {
      resolve(socket.getPeerCertificate());
      socket.end();
    });
    socket.once('error', reject);
  });
}

describe('agent TLS', () => {
  let dataDir: string;
  let agent: AgentProcess | undefined;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'paas-tls-'));
  });

  afterEach(async () => {
    if (agent) assert.equal(await agent.stop(), 0);
    agent = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('generates a certificate at first start, its key readable only by the owner', async () => {
    agent = await startAgentProcess({ dataDir });
    assert.match(agent.url, /^wss:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(statSync(join(dataDir, 'tls', 'key.pem')).mode & 0o777, 0o600);
    assert.equal(statSync(join(dataDir, 'tls')).mode & 0o077, 0);
  });

  it('prints and logs the fingerprint of the certificate it serves, as `fingerprint` does', async () => {
    agent = await startAgentProcess({ dataDir });
    const served = await servedCertificate(agent.port);
    assert.match(served.fingerprint256, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    assert.equal(agent.fingerprint, served.fingerprint256);
    // The CLI prints the line right after the agent logs that it listens: wait for it rather than race it.
    const printed = `certificate SHA-256 ${served.fingerprint256}`;
    for (let i = 0; i < 100 && !agent.output().includes(printed); i++)
      await new Promise((r) => setTimeout(r, 50));
    assert.ok(agent.output().includes(printed), 'printed at start');
    const cli = runAgentCli(dataDir, ['fingerprint']);
    assert.equal(cli.status, 0, cli.stderr);
    assert.equal(cli.stdout.trim(), served.fingerprint256);
  });

  it('accepts a client that pins the certificate, with verification on', async () => {
    agent = await startAgentProcess({ dataDir });
    const ca = readFileSync(join(dataDir, 'tls', 'cert.pem'));
    const client = await TestClient.connect(agent.url, agent.createToken('viewer'), {
      ca,
      rejectUnauthorized: true,
    });
    await client.initialize();
    assert.equal((await client.request(Ping, { payload: 'pinned' })).payload, 'pinned');
    await client.close();
  });

  it('keeps its certificate and server id across restarts', async () => {
    const first = await startAgentProcess({ dataDir });
    const token = first.createToken('viewer');
    const before = await (await TestClient.connect(first.url, token)).initialize();
    assert.equal(await first.stop(), 0);
    agent = await startAgentProcess({ dataDir });
    assert.equal(agent.fingerprint, first.fingerprint);
    const client = await TestClient.connect(agent.url, token);
    const after = await client.initialize();
    await client.close();
    assert.equal(after.agent.serverId, before.agent.serverId);
  });

  it('serves plain ws:// on loopback only when asked to', async () => {
    agent = await startAgentProcess({ dataDir, tls: false });
    assert.match(agent.url, /^ws:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(agent.fingerprint, undefined);
    const client = await TestClient.open(agent.url, agent.createToken('viewer'));
    assert.equal((await client.request(Ping, { payload: 'plain' })).payload, 'plain');
    await client.close();
  });

  it('refuses to start plain ws:// on 0.0.0.0, saying why', async () => {
    const error = await startAgentProcess({ dataDir, tls: false, env: { PAAS_AGENT_HOST: '0.0.0.0' } }).then(
      () => assert.fail('the agent started'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof AgentStartError, String(error));
    assert.notEqual(error.exitCode, 0);
    assert.match(error.stderr, /plain ws:\/\/ is only allowed on a loopback address/);
  });
});
