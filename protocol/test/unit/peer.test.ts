import { strict as assert } from 'node:assert';
import { z } from 'zod';
import {
  ErrorCode,
  Peer,
  RpcError,
  defineNotification,
  defineRequest,
  type RequestDispatcher,
} from '../../src';

const Echo = defineRequest({
  method: 'test/echo',
  kind: 'query',
  doc: 'Echoes its text.',
  params: z.object({ text: z.string() }),
  result: z.object({ text: z.string() }),
});

const DidHappen = defineNotification({
  method: 'test/didHappen',
  direction: 'agentToClient',
  doc: 'Something happened.',
  params: z.object({ count: z.number().int() }),
});

/** One end of an in-memory link: its peer, what it reported, and every frame it sent. */
interface End {
  peer: Peer;
  sent: string[];
  protocolErrors: RpcError[];
  internalErrors: unknown[];
}

function end(deliver: (text: string) => void): End {
  const sent: string[] = [];
  const protocolErrors: RpcError[] = [];
  const internalErrors: unknown[] = [];
  const peer = new Peer(
    (text) => {
      sent.push(text);
      // Asynchronous like a socket, so neither side sees its own call stack re-entered.
      queueMicrotask(() => deliver(text));
    },
    {
      onProtocolError: (error) => protocolErrors.push(error),
      onInternalError: (error) => internalErrors.push(error),
    },
  );
  return { peer, sent, protocolErrors, internalErrors };
}

/** Two peers wired back to back: what one sends, the other receives. */
function link(): { client: End; server: End } {
  const client: End = end((text) => server.peer.receive(text));
  const server: End = end((text) => client.peer.receive(text));
  return { client, server };
}

/** Feeds a peer one raw frame and returns the parsed reply it sent, if any. */
async function replyTo(target: End, text: string): Promise<Record<string, unknown> | undefined> {
  const before = target.sent.length;
  target.peer.receive(text);
  await new Promise((resolve) => setImmediate(resolve));
  const reply = target.sent[before];
  return reply === undefined ? undefined : (JSON.parse(reply) as Record<string, unknown>);
}

const echoDispatcher: RequestDispatcher = async (method, params) => {
  if (method !== Echo.method) throw new RpcError(ErrorCode.MethodNotFound, `unknown method ${method}`);
  return Echo.params.parse(params);
};

describe('protocol Peer', () => {
  it('answers a request with its result', async () => {
    const { client, server } = link();
    server.peer.setDispatcher(echoDispatcher);
    assert.deepEqual(await client.peer.request(Echo, { text: 'hi' }), { text: 'hi' });
  });

  it('matches concurrent responses to their requests', async () => {
    const { client, server } = link();
    server.peer.setDispatcher(async (_method, params) => {
      const { text } = Echo.params.parse(params);
      // Answer out of order: the longer text waits longer.
      await new Promise((resolve) => setTimeout(resolve, text.length));
      return { text };
    });
    const texts = ['cccccc', 'a', 'bbb'];
    assert.deepEqual(
      await Promise.all(texts.map((text) => client.peer.request(Echo, { text }))),
      texts.map((text) => ({ text })),
    );
  });

  it('passes an RpcError through with its code and data', async () => {
    const { client, server } = link();
    server.peer.setDispatcher(async () => {
      throw new RpcError(ErrorCode.Conflict, 'busy', { app: 'x' });
    });
    const error = await client.peer.request(Echo, { text: 'x' }).then(
      () => assert.fail('expected an error'),
      (e: unknown) => e as RpcError,
    );
    assert.ok(error instanceof RpcError);
    assert.equal(error.code, ErrorCode.Conflict);
    assert.deepEqual(error.data, { app: 'x' });
  });

  it('answers any other failure as InternalError without its details, and reports it', async () => {
    const { client, server } = link();
    server.peer.setDispatcher(async () => {
      throw new Error('secret internals');
    });
    const error = (await client.peer.request(Echo, { text: 'x' }).catch((e: unknown) => e)) as RpcError;
    assert.equal(error.code, ErrorCode.InternalError);
    assert.ok(!error.message.includes('secret'));
    assert.equal((server.internalErrors[0] as Error).message, 'secret internals');
  });

  it('rejects a result that violates its schema', async () => {
    const { client, server } = link();
    server.peer.setDispatcher(async () => ({ text: 42 }));
    const error = (await client.peer.request(Echo, { text: 'x' }).catch((e: unknown) => e)) as RpcError;
    assert.ok(error instanceof RpcError);
    assert.equal(error.code, ErrorCode.InvalidParams);
    const issues = (error.data as { issues: { path: unknown[] }[] }).issues;
    assert.deepEqual(issues[0]?.path, ['text']);
  });

  it('answers MethodNotFound when it has no dispatcher', async () => {
    const { client } = link();
    const error = (await client.peer.request(Echo, { text: 'x' }).catch((e: unknown) => e)) as RpcError;
    assert.equal(error.code, ErrorCode.MethodNotFound);
    assert.match(error.message, /test\/echo/);
  });

  it('delivers valid notifications and drops invalid ones, reporting them', async () => {
    const { client, server } = link();
    const received: unknown[] = [];
    client.peer.onNotification(DidHappen, (params) => received.push(params));
    server.peer.notify(DidHappen, { count: 1 });
    server.peer.notify(DidHappen, { count: 'many' } as unknown as { count: number });
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(received, [{ count: 1 }]);
    assert.equal(client.protocolErrors.length, 1);
    assert.equal(client.protocolErrors[0]?.code, ErrorCode.InvalidParams);
    assert.equal(client.sent.length, 0, 'a notification is never answered');
  });

  it('stops delivering a notification once its handler is removed', async () => {
    const { client, server } = link();
    const received: unknown[] = [];
    const remove = client.peer.onNotification(DidHappen, (params) => received.push(params));
    remove();
    server.peer.notify(DidHappen, { count: 1 });
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(received, []);
  });

  it('rejects pending requests on close, and new ones after it', async () => {
    const { client, server } = link();
    server.peer.setDispatcher(() => new Promise(() => undefined));
    const pending = client.peer.request(Echo, { text: 'x' });
    await new Promise((resolve) => setImmediate(resolve));
    client.peer.close();
    await assert.rejects(pending, (error: RpcError) => error.code === ErrorCode.Unavailable);
    await assert.rejects(
      client.peer.request(Echo, { text: 'y' }),
      (error: RpcError) => error.code === ErrorCode.Unavailable,
    );
  });

  it('rejects a request whose send throws, without leaving it pending', async () => {
    const peer = new Peer(() => {
      throw new Error('socket gone');
    });
    await assert.rejects(peer.request(Echo, { text: 'x' }), /socket gone/);
  });

  describe('malformed input', () => {
    const refusals: [string, string, number, unknown][] = [
      ['text that is not JSON', '{"jsonrpc":', ErrorCode.ParseError, null],
      ['a batch', '[{"jsonrpc":"2.0","id":1,"method":"test/echo"}]', ErrorCode.InvalidRequest, null],
      ['an empty batch', '[]', ErrorCode.InvalidRequest, null],
      [
        'JSON-RPC 1.0 with an id',
        '{"jsonrpc":"1.0","id":9,"method":"test/echo"}',
        ErrorCode.InvalidRequest,
        9,
      ],
      ['a bare number', '42', ErrorCode.InvalidRequest, null],
      ['an object id', '{"jsonrpc":"2.0","id":{},"method":"m"}', ErrorCode.InvalidRequest, null],
    ];
    for (const [name, text, code, id] of refusals) {
      it(`answers ${name} with code ${code} and id ${String(id)}`, async () => {
        const { server } = link();
        server.peer.setDispatcher(echoDispatcher);
        const reply = await replyTo(server, text);
        assert.equal(reply?.id, id);
        assert.equal((reply?.error as { code: number }).code, code);
        assert.equal(server.protocolErrors.length, 1);
      });
    }

    it('ignores a response nobody waits for', async () => {
      const { server } = link();
      assert.equal(await replyTo(server, '{"jsonrpc":"2.0","id":77,"result":{}}'), undefined);
    });

    it('goes on answering after malformed input', async () => {
      const { client, server } = link();
      server.peer.setDispatcher(echoDispatcher);
      await replyTo(server, 'garbage');
      assert.deepEqual(await client.peer.request(Echo, { text: 'still here' }), { text: 'still here' });
    });
  });
});
