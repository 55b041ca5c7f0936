import { strict as assert } from 'node:assert';
import {
  ErrorCode,
  Initialize,
  ListServers,
  NOTIFICATIONS,
  PROTOCOL_VERSION,
  Ping,
  REQUESTS,
  permissionsOf,
  type Role,
} from '@paas/protocol';
import { useAgent } from '../helpers/agentProcess';
import { TestClient, rpcErrorOf } from '../helpers/client';

describe('agent transport: handshake', () => {
  const agent = useAgent();
  const clients: TestClient[] = [];

  /** Connects (without the handshake) and closes the client after the test. */
  async function connect(role: Role = 'developer'): Promise<TestClient> {
    const client = await TestClient.connect(agent().url, agent().createToken(role));
    clients.push(client);
    return client;
  }

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
  });

  it('answers initialize with the version, every method and the caller permissions', async () => {
    const client = await connect('developerPlus');
    const result = await client.initialize();
    assert.equal(result.protocolVersion, PROTOCOL_VERSION);
    assert.match(result.agent.serverId, /^[a-z0-9]+$/);
    assert.deepEqual(
      result.capabilities.methods,
      REQUESTS.map((r) => r.method),
    );
    assert.deepEqual(
      result.capabilities.notifications,
      NOTIFICATIONS.map((n) => n.method),
    );
    assert.deepEqual(result.caller.permissions, permissionsOf('developerPlus'));
    assert.match(result.caller.tokenName, /^test-developerPlus-/);
    assert.equal(result.capabilities.runners, false, 'runners are off unless runnersEnabled');
  });

  it('gives each caller the permissions of its own role', async () => {
    for (const role of ['viewer', 'admin'] as const) {
      const result = await (await connect(role)).initialize();
      assert.deepEqual(result.caller.permissions, permissionsOf(role));
    }
  });

  it('lists the local server under the id the handshake names', async () => {
    const client = await connect();
    const { agent: info } = await client.initialize();
    const { servers } = await client.request(ListServers, {});
    assert.deepEqual(
      servers.filter((s) => s.local).map((s) => s.id),
      [info.serverId],
    );
  });

  it('refuses another major protocol version with IncompatibleVersion naming both versions', async () => {
    const client = await connect();
    const error = await rpcErrorOf(client.initialize('2.0.0'));
    assert.equal(error.code, ErrorCode.IncompatibleVersion);
    assert.ok(error.message.includes('2.0.0') && error.message.includes(PROTOCOL_VERSION), error.message);
    assert.deepEqual(error.data, { agentProtocolVersion: PROTOCOL_VERSION, clientProtocolVersion: '2.0.0' });
    // The connection is still not initialized, so nothing else goes through.
    assert.equal((await rpcErrorOf(client.request(Ping, {}))).code, ErrorCode.NotInitialized);
  });

  it('refuses any request before initialize with NotInitialized', async () => {
    const client = await connect();
    for (const type of [Ping, ListServers])
      assert.equal((await rpcErrorOf(client.request(type, {}))).code, ErrorCode.NotInitialized);
    // ...and initialize still works afterwards.
    assert.equal((await client.initialize()).protocolVersion, PROTOCOL_VERSION);
  });

  it('answers a request pipelined right behind initialize', async () => {
    const client = await connect();
    const [init, pong] = await Promise.all([
      client.initialize(),
      client.request(Ping, { payload: 'right behind' }),
    ]);
    assert.equal(init.protocolVersion, PROTOCOL_VERSION);
    assert.equal(pong.payload, 'right behind');
  });

  it('refuses a second initialize on the same connection', async () => {
    const client = await connect();
    await client.initialize();
    const error = await rpcErrorOf(
      client.request(Initialize, {
        protocolVersion: PROTOCOL_VERSION,
        client: { name: 'again', version: '1' },
      }),
    );
    assert.equal(error.code, ErrorCode.InvalidRequest);
  });

  it('echoes the ping payload with the agent time', async () => {
    const client = await connect();
    await client.initialize();
    const before = Date.now();
    const pong = await client.request(Ping, { payload: 'é🙂' });
    assert.equal(pong.payload, 'é🙂');
    assert.ok(Number.isFinite(Date.parse(pong.time)) && Date.parse(pong.time) >= before - 60_000);
  });
});
