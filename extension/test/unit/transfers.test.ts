import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorCode, RpcError } from '@paas/protocol';
import { ConnectionError } from '../../src/client/errors';
import { saveDownload } from '../../src/client/saveDownload';
import { isCertificateError, type CertificatePin } from '../../src/client/tlsPin';
import { openDownload, uploadFile, TransferFailure, type TransferEndpoint } from '../../src/client/transfers';

/** A self-signed certificate for 127.0.0.1, as `paas-agent` makes one. */
function certificate(dir: string, name: string): { key: string; cert: string; pin: CertificatePin } {
  const key = join(dir, `${name}.key`);
  const cert = join(dir, `${name}.pem`);
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert,
  ], { stdio: 'ignore' }); // prettier-ignore
  const pem = readFileSync(cert, 'utf8');
  return {
    key: readFileSync(key, 'utf8'),
    cert: pem,
    pin: { fingerprint: new X509Certificate(pem).fingerprint256, pem },
  };
}

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

describe('transfer client against a real HTTPS server', function () {
  this.timeout(20_000);
  let dir: string;
  let server: Server;
  let endpoint: TransferEndpoint;
  let other: CertificatePin;
  let handle: Handler;
  const seen: { method?: string; url?: string; authorization?: string }[] = [];
  const ARCHIVE = Buffer.alloc(300_000, 7);

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'paas-transfers-'));
    const tls = certificate(dir, 'agent');
    other = certificate(dir, 'other').pin;
    server = createServer({ key: tls.key, cert: tls.cert }, (request, response) => {
      seen.push({ method: request.method, url: request.url, authorization: request.headers.authorization });
      handle(request, response);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    endpoint = { url: `wss://127.0.0.1:${port}`, pin: tls.pin, token: 'secret-token' };
  });
  beforeEach(() => (seen.length = 0));
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('downloads through the pinned certificate with the bearer token, into .part then the file', async () => {
    handle = (_request, response) => {
      response.writeHead(200, {
        'Content-Type': 'application/x-tar',
        'Content-Length': ARCHIVE.length,
        'Content-Disposition': 'attachment; filename="main-2026-12-03.tar"',
      });
      response.end(ARCHIVE);
    };
    const download = await openDownload(endpoint, '/backups/b1/download?format=tar');
    assert.equal(download.sizeBytes, ARCHIVE.length);
    assert.equal(download.fileName, 'main-2026-12-03.tar');
    const file = join(dir, 'saved.tar');
    const progress: number[] = [];
    assert.equal(await saveDownload(download, file, { onProgress: (n) => progress.push(n) }), ARCHIVE.length);
    assert.deepEqual(readFileSync(file), ARCHIVE);
    assert.equal(existsSync(`${file}.part`), false);
    assert.equal(progress.at(-1), ARCHIVE.length);
    assert.deepEqual(seen, [
      { method: 'GET', url: '/backups/b1/download?format=tar', authorization: 'Bearer secret-token' },
    ]);
  });

  it('refuses another certificate before sending anything, token included', async () => {
    handle = (_request, response) => response.end('never');
    await assert.rejects(
      openDownload({ ...endpoint, pin: other }, '/backups/b1/download?format=zip'),
      (error) => isCertificateError((error as { cause?: unknown }).cause),
    );
    await assert.rejects(openDownload({ ...endpoint, pin: undefined }, '/backups/b1/download?format=zip'));
    assert.deepEqual(seen, []);
  });

  it('uses clear-text HTTP only for a ws:// agent on loopback', async () => {
    const plain = createHttpServer((_request, response) => response.end('tar bytes'));
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = plain.address() as AddressInfo;
      const download = await openDownload(
        { url: `ws://127.0.0.1:${port}`, pin: undefined, token: 't' },
        '/x',
      );
      const file = join(dir, 'plain.tar');
      await saveDownload(download, file);
      assert.equal(readFileSync(file, 'utf8'), 'tar bytes');
      await assert.rejects(
        openDownload({ url: 'ws://agent.example.com:7443', pin: undefined, token: 't' }, '/x'),
        (error) => error instanceof ConnectionError && error.code === 'PAAS_BAD_URL',
      );
    } finally {
      await new Promise((resolve) => plain.close(resolve));
    }
  });

  it("turns the agent's JSON error into an RpcError with its code and message", async () => {
    handle = (_request, response) => {
      response.writeHead(403, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ error: { code: ErrorCode.Forbidden, message: 'needs backup.restore' } }));
    };
    await assert.rejects(openDownload(endpoint, '/backups/b1/download?format=zip'), (error) => {
      assert.ok(error instanceof RpcError);
      assert.equal(error.code, ErrorCode.Forbidden);
      assert.equal(error.message, 'needs backup.restore');
      return true;
    });
  });

  it('leaves no file when the body ends short or the user cancels', async () => {
    handle = (_request, response) => {
      response.writeHead(200, { 'Content-Length': ARCHIVE.length });
      response.write(ARCHIVE.subarray(0, 1000), () => response.destroy());
    };
    const file = join(dir, 'short.tar');
    await assert.rejects(
      saveDownload(await openDownload(endpoint, '/backups/b1/download?format=tar'), file),
      (error) => error instanceof TransferFailure && error.code === 'PAAS_TRANSFER_FAILED',
    );
    assert.equal(existsSync(file) || existsSync(`${file}.part`), false);

    // Chunked like a zip, and never finished: only the abort ends it.
    handle = (_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/zip' });
      response.write(ARCHIVE);
    };
    const abort = new AbortController();
    const download = await openDownload(endpoint, '/backups/b1/download?format=zip', abort.signal);
    assert.equal(download.sizeBytes, undefined);
    const saving = saveDownload(download, file, {
      signal: abort.signal,
      onProgress: (n) => n >= ARCHIVE.length && abort.abort(),
    });
    await assert.rejects(
      saving,
      (error) => error instanceof TransferFailure && error.code === 'PAAS_TRANSFER_ABORTED',
    );
    assert.equal(existsSync(file) || existsSync(`${file}.part`), false);
  });

  it('uploads a file with its Content-Length and returns the stored upload', async () => {
    const zip = join(dir, 'odoo.zip');
    writeFileSync(zip, ARCHIVE);
    let received = Buffer.alloc(0);
    let length: string | undefined;
    handle = (request, response) => {
      length = request.headers['content-length'];
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received = Buffer.concat(chunks);
        response.writeHead(201, { 'Content-Type': 'application/json' });
        response.end(
          JSON.stringify({
            upload: {
              id: 'up1',
              appId: 'app1',
              sizeBytes: received.length,
              sha256: 'a'.repeat(64),
              createdAt: '2026-12-03T00:00:00.000Z',
              expiresAt: '2026-12-04T00:00:00.000Z',
            },
          }),
        );
      });
    };
    const sent: number[] = [];
    const upload = await uploadFile(endpoint, '/uploads?appId=app1', zip, {
      contentType: 'application/zip',
      onProgress: (n, total) => sent.push(n / total),
    });
    assert.equal(upload.id, 'up1');
    assert.equal(length, String(ARCHIVE.length));
    assert.deepEqual(received, ARCHIVE);
    assert.equal(sent.at(-1), 1);
    assert.deepEqual(seen, [
      { method: 'PUT', url: '/uploads?appId=app1', authorization: 'Bearer secret-token' },
    ]);
  });
});
