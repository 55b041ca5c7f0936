import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Caller } from '../caller';
import { newId } from '../ids';
import type { Logger } from '../log';
import type { Authenticator } from './auth';
import { CLOSE_GOING_AWAY, ClientConnection } from './connection';

export interface TransportOptions {
  host: string;
  port: number;
  /** PEM certificate and key; without them the server speaks plain `ws://` (loopback only, checked by config). */
  tls?: { cert: string; key: string };
  maxPayloadBytes: number;
  heartbeatMs: number;
}

/** Plain HTTP routes served beside the WebSocket endpoint (health checks, metrics, transfers). */
export type HttpRoute = (request: IncomingMessage, response: ServerResponse) => void;

/** Lets a client that waits for `100 Continue` send its body: called once a route has decided to read it. */
export function acceptBody(request: IncomingMessage, response: ServerResponse): void {
  if (request.headers.expect?.toLowerCase() === '100-continue') response.writeContinue();
}

/**
 * Node ends any request after 5 minutes by default (`requestTimeout`): a multi-gigabyte upload or download
 * takes longer. Transfers end when their client goes away instead; headers still must arrive in time.
 */
const LONG_TRANSFERS = { requestTimeout: 0 };

interface RouteEntry {
  method: 'GET' | 'PUT';
  /** Whether the route serves this path (without its query). */
  matches: (path: string) => boolean;
  handler: HttpRoute;
}

const STATUS_TEXT: Record<number, string> = {
  401: 'Unauthorized',
  429: 'Too Many Requests',
  404: 'Not Found',
};

/** Answers an upgrade request with a plain HTTP error and closes the socket: no WebSocket is opened. */
function refuseUpgrade(
  socket: Duplex,
  status: number,
  reason: string,
  headers: Record<string, string> = {},
): void {
  const body = JSON.stringify({ error: reason });
  const lines = [
    `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Error'}`,
    'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`);
}

/**
 * The agent's front door: an HTTP(S) server whose upgrades become authenticated WebSocket connections.
 * Authentication happens before the upgrade, so an unauthenticated peer never gets a WebSocket.
 */
export class AgentTransport {
  private readonly server: Server;
  private readonly wss: WebSocketServer;
  private readonly connections = new Set<ClientConnection>();
  private readonly routes: RouteEntry[] = [];
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(
    private readonly options: TransportOptions,
    private readonly authenticator: Authenticator,
    private readonly onConnection: (connection: ClientConnection) => void,
    private readonly log: Logger,
  ) {
    const handler = (request: IncomingMessage, response: ServerResponse): void =>
      this.serveHttp(request, response);
    this.server = options.tls
      ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key, ...LONG_TRANSFERS }, handler)
      : createHttpServer(LONG_TRANSFERS, handler);
    // A client that sends `Expect: 100-continue` is told to go on only by a route that takes its body
    // (`acceptBody`), after authorisation and limits: a refused upload is answered before a byte of it is
    // sent, instead of the socket closing under a client still writing (EPIPE instead of the refusal).
    this.server.on('checkContinue', handler);
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: options.maxPayloadBytes,
      perMessageDeflate: false,
    });
    this.server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      socket.on('error', (error) => this.log.debug({ err: error }, 'upgrade socket error'));
      this.upgrade(request, socket, head).catch((error: unknown) => {
        this.log.error({ err: error }, 'upgrade failed');
        socket.destroy();
      });
    });
  }

  /** Adds a plain HTTP GET route; the transport does not authenticate it (see `bearerRoute` for that). */
  route(path: string, handler: HttpRoute): void {
    this.routeWhere('GET', (candidate) => candidate === path, handler);
  }

  /** Adds a route for every path `matches` accepts; the handler authenticates (see transfer routes). */
  routeWhere(method: RouteEntry['method'], matches: (path: string) => boolean, handler: HttpRoute): void {
    this.routes.push({ method, matches, handler });
  }

  async listen(): Promise<AddressInfo> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port, this.options.host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.heartbeat = setInterval(() => {
      for (const connection of this.connections) connection.heartbeat();
    }, this.options.heartbeatMs);
    return this.server.address() as AddressInfo;
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  /** Stops accepting, tells every client the agent is going away, and waits for the sockets to close. */
  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    const closing = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const connection of this.connections) connection.close(CLOSE_GOING_AWAY, 'agent shutting down');
    const deadline = setTimeout(() => {
      for (const connection of this.connections) connection.terminate();
    }, 2000);
    this.server.closeAllConnections();
    await closing;
    clearTimeout(deadline);
    this.wss.close();
  }

  private serveHttp(request: IncomingMessage, response: ServerResponse): void {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const route = this.routes.find((entry) => entry.method === request.method && entry.matches(path));
    if (route) return route.handler(request, response);
    response
      .writeHead(404, { 'Content-Type': 'application/json' })
      .end(JSON.stringify({ error: 'not found' }));
  }

  private async upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const outcome = await this.authenticator.authenticate(request);
    if (!outcome.ok) {
      this.log.info(
        { source: request.socket.remoteAddress, status: outcome.status, reason: outcome.reason },
        'refused connection',
      );
      const headers: Record<string, string> =
        outcome.status === 401
          ? { 'WWW-Authenticate': 'Bearer realm="paas-agent"' }
          : { 'Retry-After': String(outcome.retryAfterSeconds ?? 60) };
      refuseUpgrade(socket, outcome.status, outcome.reason, headers);
      return;
    }
    this.wss.handleUpgrade(request, socket, head, (ws) => this.accept(ws, outcome.caller, socket));
  }

  private accept(ws: WebSocket, caller: Caller, wire: Duplex): void {
    const id = newId(8);
    // Not `token`: the logger blanks that key everywhere, as it usually holds a secret; the name is not one.
    const log = this.log.child({ connection: id, tokenName: caller.tokenName });
    const connection = new ClientConnection(id, caller, ws, log, wire);
    this.connections.add(connection);
    ws.on('error', (error) => log.info({ err: error }, 'connection error'));
    connection.onClose(() => {
      this.connections.delete(connection);
      log.info('client disconnected');
    });
    log.info({ source: caller.source }, 'client connected');
    this.onConnection(connection);
  }
}
