import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';

/**
 * The benchmark's baseline: a bare `ws` echo server over TLS, in its own process like the agent, so both
 * get a core of their own. Usage: `node echoServer.js <cert.pem> <key.pem>`; prints `{"port":N}` when
 * listening and stops on SIGTERM.
 */
function main(): void {
  const [certFile, keyFile] = process.argv.slice(2);
  if (!certFile || !keyFile) throw new Error('usage: echoServer <cert.pem> <key.pem>');
  const server = createServer({ cert: readFileSync(certFile), key: readFileSync(keyFile) });
  // The same frame settings as the agent's server, so only what happens to a message differs.
  const wss = new WebSocketServer({ server, perMessageDeflate: false, maxPayload: 1024 * 1024 });
  wss.on('connection', (socket) => {
    socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary }));
  });
  server.listen(0, '127.0.0.1', () => {
    process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
  });
  process.once('SIGTERM', () => {
    for (const client of wss.clients) client.terminate();
    wss.close();
    server.close(() => process.exit(0));
  });
}

main();
