import { strict as assert } from 'node:assert';
import { ErrorCode, Ping, classifyMessage } from '@paas/protocol';
import { MessageFuzzer } from '../helpers/fuzz';
import { useAgent } from '../helpers/agentProcess';
import { TestClient } from '../helpers/client';

interface ErrorReply {
  id: unknown;
  error: { code: number; message: string; data?: unknown };
}

describe('agent transport: malformed input', () => {
  const agent = useAgent();
  let token: string;
  const clients: TestClient[] = [];

  async function open(): Promise<TestClient> {
    const client = await TestClient.open(agent().url, token);
    clients.push(client);
    return client;
  }

  before(() => {
    token = agent().createToken('developer');
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
  });

  it('answers text that is not JSON with ParseError and id null, then goes on', async () => {
    const client = await open();
    const reply = (await client.sendRaw('{"jsonrpc": "2.0", "id": 1,')) as ErrorReply;
    assert.equal(reply.id, null);
    assert.equal(reply.error.code, ErrorCode.ParseError);
    assert.equal((await client.request(Ping, { payload: 'after' })).payload, 'after');
  });

  it('answers an unknown method with MethodNotFound', async () => {
    const client = await open();
    const reply = (await client.sendRaw(
      '{"jsonrpc":"2.0","id":"u1","method":"nothing/here","params":{}}',
    )) as ErrorReply;
    assert.equal(reply.id, 'u1');
    assert.equal(reply.error.code, ErrorCode.MethodNotFound);
  });

  it('answers invalid params with InvalidParams and the path of each issue', async () => {
    const client = await open();
    const reply = (await client.sendRaw(
      '{"jsonrpc":"2.0","id":7,"method":"agent/ping","params":{"payload":42}}',
    )) as ErrorReply;
    assert.equal(reply.id, 7);
    assert.equal(reply.error.code, ErrorCode.InvalidParams);
    const { issues } = reply.error.data as { issues: { path: unknown[]; message: string }[] };
    assert.deepEqual(issues[0]?.path, ['payload']);
    assert.ok(issues[0]?.message);
  });

  it('refuses a batch with InvalidRequest', async () => {
    const client = await open();
    const reply = (await client.sendRaw('[{"jsonrpc":"2.0","id":1,"method":"agent/ping"}]')) as ErrorReply;
    assert.equal(reply.error.code, ErrorCode.InvalidRequest);
  });

  it('survives 1,000 randomised malformed messages and still answers on that connection and a new one', async () => {
    const seed = Number(process.env.PAAS_FUZZ_SEED ?? 20261122);
    const fuzzer = new MessageFuzzer(seed);
    const client = await open();
    const replies: unknown[] = [];
    const stop = client.onFrame((message) => replies.push(message));
    for (let i = 0; i < 1000; i++) client.sendFrame(fuzzer.next());
    const pong = await client.request(Ping, { payload: 'still alive' });
    stop();
    assert.equal(pong.payload, 'still alive', `seed ${seed}`);
    const errors = replies.map((reply) => {
      const classified = classifyMessage(reply);
      assert.equal(classified?.kind, 'response', `seed ${seed}: not a response: ${JSON.stringify(reply)}`);
      return (reply as Partial<ErrorReply>).error;
    });
    assert.ok(errors.filter(Boolean).length > 500, `seed ${seed}: most messages are answered with an error`);
    const internal = errors.filter((error) => error?.code === ErrorCode.InternalError);
    assert.deepEqual(internal, [], `seed ${seed}: malformed input must never be an internal error`);
    const fresh = await open();
    assert.equal((await fresh.request(Ping, { payload: 'fresh' })).payload, 'fresh');
  });
});

describe('agent transport: frame size', () => {
  const agent = useAgent({ env: { PAAS_AGENT_MAX_PAYLOAD_BYTES: '4096' } });

  it('closes a connection whose frame exceeds maxPayload with 1009, and serves new connections', async () => {
    const token = agent().createToken('viewer');
    const client = await TestClient.open(agent().url, token);
    const payload = 'x'.repeat(8192);
    client.sendFrame(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'agent/ping', params: { payload } }));
    assert.equal((await client.closed).code, 1009);
    const next = await TestClient.open(agent().url, token);
    assert.equal((await next.request(Ping, { payload: 'next' })).payload, 'next');
    await next.close();
  });
});

describe('agent transport: heartbeat', () => {
  const agent = useAgent({ env: { PAAS_AGENT_HEARTBEAT_MS: '200' } });

  it('drops a peer that stops answering pings, and keeps one that answers', async () => {
    const token = agent().createToken('viewer');
    const live = await TestClient.open(agent().url, token);
    const dead = await TestClient.connect(agent().url, token, { autoPong: false });
    await dead.initialize();
    // terminate(): no close frame, so the client sees an abnormal closure.
    assert.equal((await dead.closed).code, 1006);
    assert.equal((await live.request(Ping, { payload: 'alive' })).payload, 'alive');
    await live.close();
  });
});
