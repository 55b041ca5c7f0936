import {
  Peer,
  PROTOCOL_VERSION,
  Initialize,
  type NotificationType,
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

  /** Opens a connection; rejects with the HTTP status when the upgrade is refused. */
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

  request<T extends RequestType>(type: T, params: ParamsOf<T>): Promise<ResultOf<T>> {
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

  async close(): Promise<void> {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.close(1000);
    await this.closed;
  }
}
