import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import {
  request as httpRequest,
  type ClientRequest,
  type IncomingMessage,
  type RequestOptions,
} from 'node:http';
import { request as httpsRequest } from 'node:https';
import { ErrorCode, RpcError, TransferErrorSchema, UploadAnswerSchema, type Upload } from '@paas/protocol';
import { ConnectionError, ConnectionErrorCode } from './errors';
import { isLoopbackHost } from './serverUrl';
import { pinnedTlsOptions, type CertificatePin } from './tlsPin';

/*
 * The agent's HTTP transfer routes (protocol `transfers.ts`): archives and uploads too large for JSON-RPC
 * frames. Same port, token and pinned certificate as the WebSocket, so a download is exactly as trusted
 * as the connection it sits beside.
 */

/** Where the transfer routes are: the agent's stored address, its pin, and the user's token. */
export interface TransferEndpoint {
  /** The agent address as stored: `wss://host:port`, or `ws://` on loopback. */
  url: string;
  pin: CertificatePin | undefined;
  token: string;
}

/** Stable codes of transfer failures that are not the agent's own answer (those are `RpcError`s). */
export const TransferErrorCode = {
  /** The user cancelled, or the caller's signal aborted. */
  Aborted: 'PAAS_TRANSFER_ABORTED',
  /** The connection failed or the body ended early or malformed. */
  Failed: 'PAAS_TRANSFER_FAILED',
} as const;
export type TransferErrorCode = (typeof TransferErrorCode)[keyof typeof TransferErrorCode];

export class TransferFailure extends Error {
  override readonly name = 'TransferFailure';
  constructor(
    readonly code: TransferErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A download whose headers arrived; `body` is paused until read. */
export interface OpenDownload {
  body: IncomingMessage;
  /** `Content-Length`, when the agent sent one (zips are streamed without). */
  sizeBytes: number | undefined;
  /** The base name from `Content-Disposition`, when there is a safe one. */
  fileName: string | undefined;
}

/** Agents answer errors with a small JSON body; anything longer is not one of ours. */
const MAX_ERROR_BODY_BYTES = 64 * 1024;
/** A stalled agent (no byte either way for this long) fails the transfer instead of hanging it. */
const IDLE_TIMEOUT_MS = 120_000;

function requestOptions(endpoint: TransferEndpoint, method: string, path: string): RequestOptions {
  const base = new URL(endpoint.url);
  const secure = base.protocol === 'wss:';
  if (!secure && !(base.protocol === 'ws:' && isLoopbackHost(base.hostname)))
    throw new ConnectionError(
      ConnectionErrorCode.BadUrl,
      'clear-text transfers are only allowed on loopback',
    );
  if (secure && !endpoint.pin)
    throw new ConnectionError(
      ConnectionErrorCode.CertificateNotTrusted,
      'no trusted certificate for this server',
    );
  const target = new URL(path, `${secure ? 'https' : 'http'}://${base.host}`);
  return {
    method,
    protocol: target.protocol,
    hostname: target.hostname.replace(/^\[|\]$/g, ''),
    port: target.port,
    path: target.pathname + target.search,
    headers: { Authorization: `Bearer ${endpoint.token}` },
    // Each transfer gets its own connection: a shared agent would pool sockets across pins.
    agent: false,
    timeout: IDLE_TIMEOUT_MS,
    ...(secure && endpoint.pin ? pinnedTlsOptions(endpoint.pin) : {}),
  };
}

function aborted(signal: AbortSignal | undefined, cause?: unknown): TransferFailure | undefined {
  return signal?.aborted ? new TransferFailure(TransferErrorCode.Aborted, 'cancelled', { cause }) : undefined;
}

function failed(error: unknown, signal: AbortSignal | undefined): Error {
  if (error instanceof RpcError || error instanceof TransferFailure || error instanceof ConnectionError)
    return error;
  const text = error instanceof Error ? error.message : String(error);
  return (
    aborted(signal, error) ??
    new TransferFailure(TransferErrorCode.Failed, `transfer failed: ${text}`, { cause: error })
  );
}

/** The agent's `{error:{code,message}}` as an `RpcError`, so it is shown like any other agent refusal. */
async function refusal(response: IncomingMessage): Promise<RpcError> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    length += chunk.length;
    if (length > MAX_ERROR_BODY_BYTES) break;
    chunks.push(chunk);
  }
  response.destroy();
  const status = response.statusCode ?? 0;
  try {
    const { error } = TransferErrorSchema.parse(JSON.parse(Buffer.concat(chunks).toString('utf8')));
    return new RpcError(error.code, error.message, { status });
  } catch {
    const code = status === 401 ? ErrorCode.Unauthorized : ErrorCode.InternalError;
    return new RpcError(code, `the agent answered HTTP ${status}`, { status });
  }
}

/**
 * Sends one request and resolves with the response once its headers arrive; a non-2xx answer rejects
 * with the agent's error. `write` sends the body (or nothing).
 */
function exchange(
  options: RequestOptions,
  signal: AbortSignal | undefined,
  write: (request: ClientRequest) => void,
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const send = options.protocol === 'https:' ? httpsRequest : httpRequest;
    const request = send({ ...options, signal });
    request.once('timeout', () => request.destroy(new Error(`no data for ${IDLE_TIMEOUT_MS / 1000} s`)));
    request.once('error', (error) => reject(failed(error, signal)));
    request.once('response', (response) => {
      const status = response.statusCode ?? 0;
      if (status >= 200 && status < 300) resolve(response);
      else refusal(response).then(reject, (error: unknown) => reject(failed(error, signal)));
    });
    write(request);
  });
}

function fileNameOf(disposition: string | undefined): string | undefined {
  const name = /filename="([^"]+)"/.exec(disposition ?? '')?.[1];
  // Only a plain base name: the agent's suggestion must not pick the directory.
  return name && /^[\w.-]+$/.test(name) && !name.startsWith('.') ? name : undefined;
}

/** `GET path`: resolves once the headers arrived, with the body still to read. */
export async function openDownload(
  endpoint: TransferEndpoint,
  path: string,
  signal?: AbortSignal,
): Promise<OpenDownload> {
  const body = await exchange(requestOptions(endpoint, 'GET', path), signal, (request) => request.end());
  const length = Number(body.headers['content-length']);
  return {
    body,
    sizeBytes:
      body.headers['content-length'] !== undefined && Number.isSafeInteger(length) ? length : undefined,
    fileName: fileNameOf(body.headers['content-disposition']),
  };
}

/** `PUT /uploads?…` with a file as the body, reporting bytes sent; resolves with the stored upload. */
export async function uploadFile(
  endpoint: TransferEndpoint,
  path: string,
  file: string,
  options: {
    contentType: string;
    signal?: AbortSignal;
    onProgress?: (sentBytes: number, totalBytes: number) => void;
  },
): Promise<Upload> {
  const { size } = await stat(file);
  const requestOpts = requestOptions(endpoint, 'PUT', path);
  requestOpts.headers = {
    ...requestOpts.headers,
    'Content-Type': options.contentType,
    'Content-Length': size,
    // The agent answers a refusal (role, size limit) before the body is sent, instead of closing the
    // socket under a client still writing it.
    Expect: '100-continue',
  };
  const response = await exchange(requestOpts, options.signal, (request) =>
    request.once('continue', () => {
      let sent = 0;
      const source = createReadStream(file);
      source.on('data', (chunk) => {
        sent += chunk.length;
        options.onProgress?.(sent, size);
      });
      source.once('error', (error) => request.destroy(error));
      // An aborted or refused upload must not keep the file open.
      request.once('close', () => source.destroy());
      source.pipe(request);
    }),
  );
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of response as AsyncIterable<Buffer>) chunks.push(chunk);
    return UploadAnswerSchema.parse(JSON.parse(Buffer.concat(chunks).toString('utf8'))).upload;
  } catch (error) {
    throw failed(error, options.signal);
  }
}
