import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

/** A git smart-HTTP server over TLS with basic auth, for private-registry tests. */
export interface TestGitHttps {
  /** `https://127.0.0.1:<port>` */
  readonly origin: string;
  /** The server's self-signed certificate, which the agent must be told to trust. */
  readonly caFile: string;
  /** Every request line the server got (method and URL), to check no secret travels in a URL. */
  readonly requests: string[];
  stop(): Promise<void>;
}

/** A self-signed certificate for 127.0.0.1, written to `dir`. */
function selfSignedCertificate(dir: string): { key: string; cert: string } {
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  );
  return { key, cert };
}

/** Runs `git http-backend` as a CGI for one request: headers until the blank line, then the body. */
function serveWithHttpBackend(projectRoot: string, request: IncomingMessage, response: ServerResponse): void {
  const url = new URL(request.url ?? '/', 'https://localhost');
  const child = spawn('git', ['http-backend'], {
    env: {
      PATH: process.env.PATH,
      GIT_PROJECT_ROOT: projectRoot,
      GIT_HTTP_EXPORT_ALL: '1',
      PATH_INFO: decodeURIComponent(url.pathname),
      QUERY_STRING: url.search.slice(1),
      REQUEST_METHOD: request.method ?? 'GET',
      CONTENT_TYPE: request.headers['content-type'] ?? '',
      HTTP_CONTENT_ENCODING: request.headers['content-encoding'] ?? '',
      GIT_PROTOCOL: String(request.headers['git-protocol'] ?? ''),
      REMOTE_USER: 'git',
      REMOTE_ADDR: '127.0.0.1',
    },
  });
  request.pipe(child.stdin);
  let head = Buffer.alloc(0);
  let streaming = false;
  child.stdout.on('data', (chunk: Buffer) => {
    if (streaming) return void response.write(chunk);
    head = Buffer.concat([head, chunk]);
    const end = head.indexOf('\r\n\r\n');
    if (end < 0) return;
    const headers: Record<string, string> = {};
    for (const line of head.subarray(0, end).toString().split('\r\n')) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
    }
    const status = Number((headers.Status ?? '200').split(' ')[0]);
    delete headers.Status;
    response.writeHead(status, headers);
    response.write(head.subarray(end + 4));
    streaming = true;
  });
  child.on('close', () => response.end());
}

/**
 * Serves the bare repositories under `projectRoot` over https on 127.0.0.1 with `git http-backend`, to
 * requests whose `Authorization` is basic auth of `username:token`; others get 401.
 */
export async function startGitHttps(
  dir: string,
  projectRoot: string,
  credentials: { username: string; token: string },
): Promise<TestGitHttps> {
  const { key, cert } = selfSignedCertificate(dir);
  const expected = `Basic ${Buffer.from(`${credentials.username}:${credentials.token}`).toString('base64')}`;
  const requests: string[] = [];
  const server: Server = createServer(
    { key: readFileSync(key), cert: readFileSync(cert) },
    (request, response) => {
      requests.push(`${request.method} ${request.url}`);
      if (request.headers.authorization !== expected) {
        response.writeHead(401, { 'WWW-Authenticate': 'Basic realm="git"' }).end();
        return;
      }
      serveWithHttpBackend(projectRoot, request, response);
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `https://127.0.0.1:${port}`,
    caFile: cert,
    requests,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
