import type { Duplex } from 'node:stream';
import { Peer, type NotificationType, type ParamsOf } from '@paas/protocol';
import type WebSocket from 'ws';
import type { Caller } from '../caller';
import type { Logger } from '../log';
import { tickBatchedSender } from './tickBatchedSender';

/** WebSocket close code for "going away": the agent is shutting down. */
export const CLOSE_GOING_AWAY = 1001;

/**
 * One authenticated client. Services reach the client only through {@link notify}; whatever a
 * connection starts (subscriptions, log streams) registers a cleanup with {@link onClose}.
 */
export class ClientConnection {
  readonly peer: Peer;
  initialized = false;
  /** Set by each pong; cleared by each heartbeat. A peer still unset at the next heartbeat is dead. */
  alive = true;
  private readonly closeListeners = new Set<() => void>();
  private closed = false;

  constructor(
    readonly id: string,
    readonly caller: Caller,
    private readonly socket: WebSocket,
    readonly log: Logger,
    /** The TCP or TLS socket under the WebSocket: what is sent in one turn is written at once. */
    wire: Duplex,
  ) {
    this.peer = new Peer(tickBatchedSender(socket, wire), {
      onInternalError: (error, method) => log.error({ err: error, method }, 'request failed'),
      onProtocolError: (error) => log.debug({ code: error.code, reason: error.message }, 'malformed message'),
    });
    // Binary frames are read as UTF-8 too: some clients send JSON as a Buffer.
    socket.on('message', (data: Buffer) => this.peer.receive(data.toString('utf8')));
    socket.on('pong', () => {
      this.alive = true;
    });
    socket.on('close', () => this.handleClose());
  }

  /** Sends a notification to this client, if it is still connected. */
  notify<T extends NotificationType>(type: T, params: ParamsOf<T>): void {
    if (!this.closed) this.peer.notify(type, params);
  }

  /** Runs `listener` once when the connection ends; returns a function that unregisters it. */
  onClose(listener: () => void): () => void {
    if (this.closed) {
      listener();
      return () => undefined;
    }
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  /** Pings the peer; terminates it when it did not answer the previous ping. */
  heartbeat(): void {
    if (!this.alive) {
      this.log.info('peer missed a heartbeat; dropping it');
      this.socket.terminate();
      return;
    }
    this.alive = false;
    this.socket.ping();
  }

  close(code: number, reason: string): void {
    this.socket.close(code, reason);
  }

  terminate(): void {
    this.socket.terminate();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private handleClose(): void {
    if (this.closed) return;
    this.closed = true;
    this.peer.close();
    for (const listener of this.closeListeners) {
      try {
        listener();
      } catch (error) {
        this.log.error({ err: error }, 'close listener failed');
      }
    }
    this.closeListeners.clear();
  }
}
