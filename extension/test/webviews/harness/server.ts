import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.ttf': 'font/ttf',
  '.html': 'text/html',
};

/**
 * Serves the bundled webviews on 127.0.0.1 (port 0) as VS Code's resource loader does, plus one HTML
 * page per opened screen. A real server rather than request interception, so timings are not skewed.
 */
export interface StaticServer {
  origin: string;
  /** Serves `html` at a fresh path and returns its URL. */
  addPage(html: string): string;
  close(): Promise<void>;
}

export async function startStaticServer(root: string): Promise<StaticServer> {
  const pages = new Map<string, string>();
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    // Chromium asks every origin for an icon; VS Code's webviews are never asked, so neither is anything here.
    if (path === '/favicon.ico') {
      response.writeHead(204).end();
      return;
    }
    const page = pages.get(path);
    if (page !== undefined) {
      response.writeHead(200, { 'content-type': 'text/html' }).end(page);
      return;
    }
    const file = normalize(join(root, path.replace(/^\/dist\//, '')));
    if (!file.startsWith(root)) {
      response.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) =>
        response
          .writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
          .end(body),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let next = 0;
  return {
    origin,
    addPage: (html) => {
      next += 1;
      pages.set(`/page-${next}.html`, html);
      return `${origin}/page-${next}.html`;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
