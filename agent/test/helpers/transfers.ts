import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import * as http from 'node:http';
import * as https from 'node:https';
import type { TLSSocket } from 'node:tls';
import { pipeline } from 'node:stream/promises';
import { backupDownloadPath, type BackupArchiveFormat } from '@paas/protocol';

/** The agent's HTTP(S) base for its WebSocket URL: the transfer routes share its port. */
export function httpBase(agentUrl: string): string {
  return agentUrl.replace(/^ws(s?):/, 'http$1:');
}

/** The agent under test: its URL and, with TLS, the certificate fingerprint to pin (as the extension does). */
export interface TransferTarget {
  url: string;
  fingerprint?: string;
}

export interface TransferAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body as text (JSON answers), or empty when it was saved to a file. */
  text: string;
  /** SHA-256 of the body. */
  sha256: string;
  /** Whether the body arrived whole (a broken stream ends with `aborted`). */
  complete: boolean;
  /** Whether the agent said `100 Continue` and the request body was sent. */
  bodySent: boolean;
}

function send(
  target: TransferTarget,
  path: string,
  options: { method: string; token?: string; body?: Buffer; saveTo?: string },
): Promise<TransferAnswer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    let bodySent = false;
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    // As the extension does: the body goes only after `100 Continue`, so a refusal arrives whole.
    if (options.body) {
      headers['Content-Length'] = String(options.body.length);
      headers.Expect = '100-continue';
    }
    const url = `${httpBase(target.url)}${path}`;
    const secure = url.startsWith('https:');
    // Self-signed agent: trust exactly its certificate, by fingerprint, before any byte (token) is sent.
    const request = (secure ? https : http).request(url, {
      method: options.method,
      headers,
      ...(secure ? { rejectUnauthorized: false } : {}),
    });
    if (secure) {
      request.on('socket', (socket) =>
        socket.once('secureConnect', () => {
          const presented = (socket as TLSSocket).getPeerCertificate().fingerprint256;
          if (presented !== target.fingerprint)
            request.destroy(new Error(`unexpected certificate ${presented}`));
        }),
      );
    }
    request.on('response', (response) => {
      const hash = createHash('sha256');
      const chunks: Buffer[] = [];
      let complete = true;
      response.on('aborted', () => (complete = false));
      response.on('data', (chunk: Buffer) => {
        hash.update(chunk);
        if (!options.saveTo) chunks.push(chunk);
      });
      const sink = options.saveTo ? createWriteStream(options.saveTo) : undefined;
      if (sink) response.pipe(sink);
      const done = (): void =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          text: Buffer.concat(chunks).toString('utf8'),
          sha256: hash.digest('hex'),
          complete: complete && response.complete,
          bodySent,
        });
      if (sink) sink.on('finish', done).on('error', reject);
      else response.on('end', done);
      response.on('error', () => ((complete = false), done()));
    });
    request.on('error', reject);
    if (options.body)
      request.once('continue', () => {
        bodySent = true;
        request.end(options.body);
      });
    else request.end();
  });
}

/** `GET /backups/<id>/download`; the body is saved to `saveTo` when given. */
export function download(
  target: TransferTarget,
  token: string | undefined,
  backupId: string,
  format: BackupArchiveFormat | string,
  saveTo?: string,
): Promise<TransferAnswer> {
  return send(target, backupDownloadPath(backupId, format as BackupArchiveFormat), {
    method: 'GET',
    token,
    saveTo,
  });
}

/** `PUT /uploads?appId=…` with a file's bytes. */
export async function upload(
  target: TransferTarget,
  token: string | undefined,
  appId: string,
  file: string | Buffer,
): Promise<TransferAnswer> {
  const body = typeof file === 'string' ? await readFile(file) : file;
  return send(target, `/uploads?appId=${encodeURIComponent(appId)}`, { method: 'PUT', token, body });
}
/** Starts a download and goes away after its first bytes (a client closing mid-transfer). */
export function abandonDownload(
  target: TransferTarget,
  token: string,
  backupId: string,
  format: BackupArchiveFormat,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const url = `${httpBase(target.url)}${backupDownloadPath(backupId, format)}`;
    const request = http.get(url, { headers: { Authorization: `Bearer ${token}` } }, (response) => {
      response.once('data', () => {
        request.destroy();
        resolve();
      });
    });
    request.on('error', (error) => (request.destroyed ? resolve() : reject(error)));
  });
}

/** Streams a file through SHA-256. */
export async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}
