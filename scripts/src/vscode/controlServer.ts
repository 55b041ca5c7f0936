import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback HTTP endpoint the in-host tests call to act outside VS Code (screenshots, cut connections). */
export type ControlRoutes = Record<string, (query: URLSearchParams) => Promise<unknown>>;

export async function startControlServer(routes: ControlRoutes): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const route = routes[url.pathname];
    if (!route) {
      response.writeHead(404).end();
      return;
    }
    route(url.searchParams).then(
      (result) =>
        response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(result ?? null)),
      (error: unknown) => response.writeHead(500).end(String(error)),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}
