import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { httpRequest } from '@paas/scripts/out/src/testkit/index.js';
import { findFreePort } from '../../../src/adapters/proxy/freePort';
import { HttpAppProxy } from '../../../src/adapters/proxy/httpAppProxy';

/** A revision stand-in: answers after `delayMs`, so a request can be in flight while traffic is held. */
async function slowUpstream(delayMs: number): Promise<{ server: Server; port: number }> {
  const server = createServer((_request, response) => {
    setTimeout(() => response.end('upstream'), delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

describe('app proxy: holding traffic for an update', () => {
  const proxy = new HttpAppProxy();
  let upstream: { server: Server; port: number };
  let url: string;

  before(async () => {
    upstream = await slowUpstream(300);
    const port = await findFreePort('127.0.0.1');
    await proxy.serve('app', '127.0.0.1', port, upstream.port);
    url = `http://127.0.0.1:${port}`;
  });

  after(async () => {
    await proxy.closeAll();
    upstream.server.close();
  });

  it('lets requests in flight finish, then answers 503 with Retry-After until released', async () => {
    const inFlight = httpRequest(`${url}/web/login`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    const left = await proxy.hold('app');
    assert.equal(left, 0);
    assert.ok(Date.now() - started >= 200, 'hold waited for the request in flight');
    assert.equal((await inFlight).body, 'upstream');

    const page = await httpRequest(`${url}/web/login`);
    assert.equal(page.status, 503);
    assert.ok(Number(page.headers['retry-after']) > 0);
    assert.match(page.headers['content-type'] ?? '', /text\/html/);
    assert.match(page.body, /update is running/);

    const rpc = await httpRequest(`${url}/web/dataset/call_kw`, { method: 'POST', body: '{}' });
    assert.equal(rpc.status, 503);
    assert.equal(JSON.parse(rpc.body).error.data.name, 'paas.maintenance');

    proxy.release('app');
    assert.equal((await httpRequest(`${url}/web/login`)).body, 'upstream');
  });
});
