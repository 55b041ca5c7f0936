import { createServer } from 'node:net';
import { AdapterError } from '../errors';

/** Whether nothing listens on `host:port` right now. */
export function isPortFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** A port the kernel considers free on `host`, skipping `taken` (ports reserved by stopped apps). */
export async function findFreePort(host: string, taken: ReadonlySet<number> = new Set()): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen({ host, port: 0, exclusive: true }, () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    if (port > 0 && !taken.has(port)) return port;
  }
  throw new AdapterError('PORT_IN_USE', `no free port found on ${host}`);
}
