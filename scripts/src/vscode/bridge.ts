import { connect, createServer, type Server, type Socket } from 'node:net';

/** Either end of a bridge: a TCP address or a Unix socket path. */
export type Endpoint = { host: string; port: number } | { path: string };

/** A running forwarder; {@link drop} cuts every connection it carries, as a network failure would. */
export interface Bridge {
  readonly server: Server;
  drop(): number;
  close(): Promise<void>;
}

/**
 * Forwards every connection accepted on `listen` to `target`, bytes untouched (TLS passes through).
 * The extension tests run VS Code in a loopback-only network namespace while the agent stays in the
 * host's (it must reach Docker containers): a Unix socket, visible in both, joins the two.
 */
export async function startBridge(listen: Endpoint, target: Endpoint): Promise<Bridge> {
  const sockets = new Set<Socket>();
  const track = (socket: Socket): void => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };
  const server = createServer((downstream) => {
    const upstream = 'path' in target ? connect(target.path) : connect(target.port, target.host);
    track(downstream);
    track(upstream);
    downstream.on('error', () => upstream.destroy());
    upstream.on('error', () => downstream.destroy());
    downstream.pipe(upstream).pipe(downstream);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    if ('path' in listen) server.listen(listen.path, resolve);
    else server.listen(listen.port, listen.host, resolve);
  });
  return {
    server,
    drop() {
      const count = sockets.size;
      for (const socket of sockets) socket.destroy();
      return count;
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
