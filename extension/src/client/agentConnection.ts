import {
  ErrorCode,
  Initialize,
  PROTOCOL_VERSION,
  Peer,
  RpcError,
  type NotificationType,
  type ParamsOf,
  type RequestType,
  type ResultOf,
} from '@paas/protocol';
import * as vscode from 'vscode';
import type WebSocket from 'ws';
import type { Log } from '../log';
import { reconnectDelayMs, type BackoffPolicy } from './backoff';
import type { ConnectionState } from './connectionState';
import { ConnectionError, ConnectionErrorCode } from './errors';
import type { ServerEntry } from './serverStore';
import type { Session } from './session';
import { openSocket } from './socket';
import { classifyFailure } from './failure';
import { sessionEndError } from './sessionEnd';

const INITIALIZE_TIMEOUT_MS = 15_000;
/** The client pings too: a server that vanished without closing is noticed within two intervals. */
const HEARTBEAT_MS = 30_000;

export interface AgentConnectionDeps {
  /** The current entry (its pin may change while the connection lives). */
  entry(): ServerEntry | undefined;
  token(): Thenable<string | undefined>;
  backoff(): BackoffPolicy;
  clientVersion: string;
  log: Log;
}

/** Every handler of one notification method: the Peer takes one handler per method, so we fan out. */
type NotificationRoute = { type: NotificationType; handlers: Set<(params: unknown) => void> };

/**
 * One agent connection: a WebSocket carrying the protocol's {@link Peer}, the `initialize` handshake,
 * and reconnection with backoff after a drop. Notification handlers survive reconnections.
 */
export class AgentConnection implements vscode.Disposable {
  private current: ConnectionState = { kind: 'idle' };
  private readonly stateChanged = new vscode.EventEmitter<ConnectionState>();
  readonly onDidChangeState = this.stateChanged.event;
  private socket: WebSocket | undefined;
  private peer: Peer | undefined;
  private readonly routes = new Map<string, NotificationRoute>();
  private retryTimer: NodeJS.Timeout | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  /** Bumped by every attempt; events of older sockets are ignored. */
  private generation = 0;
  private disposed = false;

  constructor(
    readonly serverId: string,
    private readonly deps: AgentConnectionDeps,
  ) {}

  get state(): ConnectionState {
    return this.current;
  }

  get session(): Session | undefined {
    return this.current.kind === 'connected' ? this.current.session : undefined;
  }

  /** Connects unless already connected or trying. */
  start(): void {
    if (this.current.kind === 'idle' || this.current.kind === 'failed') this.connectNow();
  }

  /** Drops the current socket (if any) and connects again at once. */
  reconnect(): void {
    this.closeSocket();
    this.connectNow();
  }

  /** Sends a request; fails with `PAAS_NOT_CONNECTED` unless connected. */
  request<T extends RequestType>(type: T, params: ParamsOf<T>): Promise<ResultOf<T>> {
    if (!this.peer || this.current.kind !== 'connected')
      return Promise.reject(
        new ConnectionError(
          ConnectionErrorCode.NotConnected,
          `not connected to ${this.deps.entry()?.name ?? 'the server'}`,
        ),
      );
    return this.peer.request(type, params);
  }

  /** Handles a notification on this and every later socket; any number of handlers per method. */
  onNotification<T extends NotificationType>(
    type: T,
    handler: (params: ParamsOf<T>) => void,
  ): vscode.Disposable {
    let route = this.routes.get(type.method);
    if (!route) {
      route = { type, handlers: new Set() };
      this.routes.set(type.method, route);
      if (this.peer) this.route(this.peer, route);
    }
    const handlers = route.handlers;
    const entry = handler as (params: unknown) => void;
    handlers.add(entry);
    return new vscode.Disposable(() => handlers.delete(entry));
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.retryTimer);
    this.closeSocket();
    this.stateChanged.dispose();
  }

  private setState(state: ConnectionState): void {
    this.current = state;
    if (!this.disposed) this.stateChanged.fire(state);
  }

  /** Moves to `connecting` at once, so whoever waits for the outcome does not see the previous one. */
  private connectNow(): void {
    this.setState({ kind: 'connecting', attempt: 0 });
    this.connectSoon(0, 0);
  }

  private connectSoon(attempt: number, delayMs: number): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.connect(attempt), delayMs);
  }

  private async connect(attempt: number): Promise<void> {
    const generation = ++this.generation;
    const entry = this.deps.entry();
    if (!entry || this.disposed) return;
    this.setState({ kind: 'connecting', attempt });
    try {
      const token = await this.deps.token();
      if (!token)
        throw new ConnectionError(ConnectionErrorCode.SignedOut, 'not signed in: no token stored here');
      const socket = await openSocket(new URL(entry.url), token, entry.pin);
      if (generation !== this.generation || this.disposed) {
        socket.terminate();
        return;
      }
      const session = await this.handshake(socket, generation);
      this.deps.log.info(`connected to ${entry.name} (${entry.url}), agent ${session.agentVersion}`);
      this.setState({ kind: 'connected', session });
    } catch (error) {
      if (generation !== this.generation || this.disposed) return;
      await this.handleFailure(error, attempt, entry);
    }
  }

  private async handleFailure(error: unknown, attempt: number, entry: ServerEntry): Promise<void> {
    this.closeSocket();
    const failure = await classifyFailure(error, entry);
    if (failure.retry === false) {
      this.deps.log.warn(`${entry.name}: ${failure.error.message}`);
      this.setState({ kind: 'failed', error: failure.error });
      return;
    }
    const delay = Math.max(failure.minDelayMs ?? 0, reconnectDelayMs(attempt, this.deps.backoff()));
    this.deps.log.info(`${entry.name}: ${failure.error.message}; retrying in ${Math.round(delay / 1000)} s`);
    this.setState({
      kind: 'waiting',
      attempt: attempt + 1,
      retryAt: Date.now() + delay,
      error: failure.error,
    });
    this.connectSoon(attempt + 1, delay);
  }

  private async handshake(socket: WebSocket, generation: number): Promise<Session> {
    const peer = new Peer((text) => socket.send(text), {
      onProtocolError: (error) => this.deps.log.debug(`protocol error: ${error.message}`),
    });
    this.socket = socket;
    this.peer = peer;
    socket.on('message', (data: Buffer) => peer.receive(data.toString('utf8')));
    socket.once('close', (code: number, reason: Buffer) => {
      peer.close();
      if (generation === this.generation) this.handleDrop(code, reason.toString('utf8'));
    });
    for (const route of this.routes.values()) this.route(peer, route);
    const timeout = setTimeout(() => socket.terminate(), INITIALIZE_TIMEOUT_MS);
    try {
      const result = await peer.request(Initialize, {
        protocolVersion: PROTOCOL_VERSION,
        client: { name: 'paas-vscode', version: this.deps.clientVersion },
      });
      this.startHeartbeat(socket);
      return {
        agentVersion: result.agent.version,
        serverId: result.agent.serverId,
        protocolVersion: result.protocolVersion,
        tokenName: result.caller.tokenName,
        user: { email: result.caller.user.email, displayName: result.caller.user.displayName },
        permissions: result.caller.permissions,
        agentAdministrator: result.caller.agentAdministrator ?? false,
        methods: new Set(result.capabilities.methods),
        notifications: new Set(result.capabilities.notifications),
        transfers: new Set(result.capabilities.transfers ?? []),
        runners: result.capabilities.runners ?? false,
      };
    } catch (error) {
      if (error instanceof RpcError && error.code === ErrorCode.IncompatibleVersion)
        throw new ConnectionError(ConnectionErrorCode.Incompatible, error.message, { cause: error });
      throw error;
    } finally {
      clearTimeout(timeout);
    }
  }

  private route(peer: Peer, route: NotificationRoute): void {
    peer.onNotification(route.type, (params) => {
      for (const handler of route.handlers) {
        try {
          handler(params);
        } catch (error) {
          this.deps.log.error(`${route.type.method} handler failed: ${String(error)}`);
        }
      }
    });
  }

  private startHeartbeat(socket: WebSocket): void {
    let alive = true;
    socket.on('pong', () => (alive = true));
    clearInterval(this.heartbeat);
    this.heartbeat = setInterval(() => {
      if (!alive) {
        socket.terminate();
        return;
      }
      alive = false;
      socket.ping();
    }, HEARTBEAT_MS);
  }

  private handleDrop(code: number, reason: string): void {
    // A drop during the handshake fails the pending initialize: connect() handles that one.
    const entry = this.deps.entry();
    if (this.disposed || !entry || this.current.kind !== 'connected') return;
    const ended = sessionEndError(code, reason);
    if (ended) void vscode.window.showWarningMessage(`${entry.name}: ${ended.message}`);
    const error = ended ?? new ConnectionError(ConnectionErrorCode.Unreachable, 'the connection dropped');
    void this.handleFailure(error, 0, entry);
  }

  private closeSocket(): void {
    this.generation++;
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    this.peer?.close();
    this.peer = undefined;
    this.socket?.terminate();
    this.socket = undefined;
  }
}
