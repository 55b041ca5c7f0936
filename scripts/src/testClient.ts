import type { IncomingHttpHeaders } from 'node:http';
import {
  Peer,
  RpcError,
  PROTOCOL_VERSION,
  Initialize,
  type NotificationType,
  type ParamsInputOf,
  type ParamsOf,
  type RequestType,
  type ResultOf,
} from '@paas/protocol';
import WebSocket from 'ws';

/** A real WebSocket client speaking the protocol through the same {@link Peer} the extension uses. */
export class TestClient {
  readonly peer: Peer;
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(readonly socket: WebSocket) {
    this.peer = new Peer((text) => socket.send(text));
    socket.on('message', (data: Buffer) => this.peer.receive(data.toString('utf8')));
    this.closed = new Promise((resolve) =>
      socket.once('close', (code, reason) => {
        this.peer.close();
        resolve({ code, reason: reason.toString() });
      }),
    );
  }

  /** Opens a connection; rejects with the HTTP status and headers when the upgrade is refused. */
  static connect(
    url: string,
    token: string | undefined,
    options: WebSocket.ClientOptions = {},
  ): Promise<TestClient> {
    const socket = new WebSocket(url, {
      rejectUnauthorized: false,
      headers: token ? { Authorization: `Bearer ${token}` } : {},
      ...options,
    });
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(new TestClient(socket)));
      socket.once('unexpected-response', (_request, response) =>
        reject(
          Object.assign(new Error(`upgrade refused with ${response.statusCode}`), {
            status: response.statusCode,
            headers: response.headers,
          }),
        ),
      );
      socket.once('error', reject);
    });
  }

  /** Connects and completes the handshake. */
  static async open(url: string, token: string): Promise<TestClient> {
    const client = await TestClient.connect(url, token);
    await client.initialize();
    return client;
  }

  initialize(protocolVersion = PROTOCOL_VERSION) {
    return this.peer.request(Initialize, { protocolVersion, client: { name: 'test', version: '0.0.0' } });
  }

  request<T extends RequestType>(type: T, params: ParamsInputOf<T>): Promise<ResultOf<T>> {
    return this.peer.request(type, params);
  }

  onNotification<T extends NotificationType>(type: T, handler: (params: ParamsOf<T>) => void): () => void {
    return this.peer.onNotification(type, handler);
  }

  /** Sends raw text, bypassing the protocol, and resolves with the next frame received. */
  sendRaw(text: string): Promise<unknown> {
    return new Promise((resolve) => {
      this.socket.once('message', (data: Buffer) => resolve(JSON.parse(data.toString('utf8'))));
      this.socket.send(text);
    });
  }

  /** Sends a raw frame (a Buffer goes out as a binary frame) without waiting for anything. */
  sendFrame(data: string | Buffer): void {
    this.socket.send(data);
  }

  /** Calls `listener` with every frame received from now on, parsed as JSON; returns the unsubscriber. */
  onFrame(listener: (message: unknown) => void): () => void {
    const handler = (data: Buffer): void => listener(JSON.parse(data.toString('utf8')));
    this.socket.on('message', handler);
    return () => this.socket.off('message', handler);
  }

  async close(): Promise<void> {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.close(1000);
    await this.closed;
  }
}

/** The HTTP status and headers of a refused upgrade; fails when the connection was accepted. */
export async function refusedUpgrade(
  connecting: Promise<TestClient>,
): Promise<{ status: number; headers: IncomingHttpHeaders }> {
  let client: TestClient;
  try {
    client = await connecting;
  } catch (error) {
    const refusal = error as { status?: number; headers?: IncomingHttpHeaders };
    if (refusal.status === undefined) throw error;
    return { status: refusal.status, headers: refusal.headers ?? {} };
  }
  await client.close();
  throw new Error('the upgrade was accepted, expected a refusal');
}

/** The `RpcError` a request failed with; fails when the request succeeded or failed otherwise. */
export async function rpcErrorOf(request: Promise<unknown>): Promise<RpcError> {
  let result: unknown;
  try {
    result = await request;
  } catch (error) {
    if (error instanceof RpcError) return error;
    throw error;
  }
  throw new Error(`expected an RpcError, got the result ${JSON.stringify(result)}`);
}
