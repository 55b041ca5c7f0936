import type { z } from 'zod';
import type { NotificationType, ParamsInputOf, ParamsOf, RequestType, ResultOf } from './define';
import {
  ErrorCode,
  RpcError,
  classifyMessage,
  readMessageId,
  type MessageId,
  type NotificationMessage,
  type RequestMessage,
  type ResponseMessage,
} from './messages';

/** Answers a request whose method has no typed handler: the agent's dispatcher plugs in here. */
export type RequestDispatcher = (method: string, params: unknown, id: MessageId) => Promise<unknown>;

/** Hooks a peer reports through; it never logs by itself. */
export interface PeerEvents {
  /** A handler failed with something that is not an {@link RpcError}; it was answered as InternalError. */
  onInternalError?(error: unknown, method: string): void;
  /** An incoming message was malformed and answered with an error (or dropped, for bad notifications). */
  onProtocolError?(error: RpcError): void;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: unknown): void;
  result: z.ZodType;
}

/**
 * One end of a JSON-RPC 2.0 connection, independent of the transport: feed it received text with
 * {@link receive}, and it writes through the `send` function it was given. Both the agent and the
 * extension use it, so a message is validated against the same schema on both sides.
 */
export class Peer {
  private nextId = 1;
  private readonly pending = new Map<MessageId, Pending>();
  private readonly notificationHandlers = new Map<string, (params: unknown) => void>();
  private dispatcher: RequestDispatcher | undefined;
  private closedWith: RpcError | undefined;

  constructor(
    private readonly send: (text: string) => void,
    private readonly events: PeerEvents = {},
  ) {}

  /**
   * Sends a request and resolves with its result, checked against the declared result schema. Params may
   * leave out fields that have defaults (the input type); fully-defaulted params (the output type) are
   * accepted too, for callers written against it.
   */
  request<T extends RequestType>(type: T, params: ParamsInputOf<T> | ParamsOf<T>): Promise<ResultOf<T>> {
    if (this.closedWith) return Promise.reject(this.closedWith);
    const id = this.nextId++;
    const message: RequestMessage = {
      jsonrpc: '2.0',
      id,
      method: type.method,
      params: params as RequestMessage['params'],
    };
    return new Promise<ResultOf<T>>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, result: type.result });
      try {
        this.send(JSON.stringify(message));
      } catch (error) {
        this.pending.delete(id);
        reject(error);
      }
    });
  }

  /** Sends a notification; nothing comes back. */
  notify<T extends NotificationType>(type: T, params: ParamsOf<T>): void {
    if (this.closedWith) return;
    const message: NotificationMessage = {
      jsonrpc: '2.0',
      method: type.method,
      params: params as NotificationMessage['params'],
    };
    this.send(JSON.stringify(message));
  }

  /** Handles a notification type; its params are validated first and dropped when invalid. */
  onNotification<T extends NotificationType>(type: T, handler: (params: ParamsOf<T>) => void): () => void {
    this.notificationHandlers.set(type.method, (raw) => {
      const parsed = type.params.safeParse(raw ?? {});
      if (parsed.success) handler(parsed.data as ParamsOf<T>);
      else this.events.onProtocolError?.(invalidParams(type.method, parsed.error));
    });
    return () => this.notificationHandlers.delete(type.method);
  }

  /** Installs the function that answers incoming requests. */
  setDispatcher(dispatcher: RequestDispatcher): void {
    this.dispatcher = dispatcher;
  }

  /** Processes one received text frame. Never throws: problems are answered on the wire. */
  receive(text: string): void {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      this.refuse(null, new RpcError(ErrorCode.ParseError, 'message is not valid JSON'));
      return;
    }
    if (Array.isArray(value)) {
      this.refuse(null, new RpcError(ErrorCode.InvalidRequest, 'batch messages are not supported'));
      return;
    }
    const classified = classifyMessage(value);
    if (!classified) {
      const error = new RpcError(ErrorCode.InvalidRequest, 'message is not a JSON-RPC 2.0 request');
      this.refuse(readMessageId(value), error);
      return;
    }
    if (classified.kind === 'request') this.handleRequest(classified.message);
    else if (classified.kind === 'notification') this.handleNotification(classified.message);
    else this.handleResponse(classified.message);
  }

  /** Fails every pending request and refuses new ones; call when the transport closes. */
  close(reason = new RpcError(ErrorCode.Unavailable, 'connection closed')): void {
    this.closedWith = reason;
    for (const pending of this.pending.values()) pending.reject(reason);
    this.pending.clear();
  }

  private handleRequest(message: RequestMessage): void {
    const dispatcher = this.dispatcher;
    if (!dispatcher) {
      this.reply(
        message.id,
        undefined,
        new RpcError(ErrorCode.MethodNotFound, `unknown method ${message.method}`),
      );
      return;
    }
    dispatcher(message.method, message.params ?? {}, message.id).then(
      (result) => this.reply(message.id, result ?? null),
      (error: unknown) => {
        if (error instanceof RpcError) return this.reply(message.id, undefined, error);
        this.events.onInternalError?.(error, message.method);
        this.reply(message.id, undefined, new RpcError(ErrorCode.InternalError, 'internal error'));
      },
    );
  }

  private handleNotification(message: NotificationMessage): void {
    this.notificationHandlers.get(message.method)?.(message.params);
  }

  private handleResponse(message: ResponseMessage): void {
    if (message.id === null) {
      if ('error' in message) this.events.onProtocolError?.(RpcError.fromObject(message.error));
      return;
    }
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    if ('error' in message) {
      pending.reject(RpcError.fromObject(message.error));
      return;
    }
    const parsed = pending.result.safeParse(message.result);
    if (parsed.success) pending.resolve(parsed.data);
    else
      pending.reject(
        new RpcError(ErrorCode.InvalidParams, 'the result did not match its schema', issuesOf(parsed.error)),
      );
  }

  /** Answers a malformed message and reports it. */
  private refuse(id: MessageId | null, error: RpcError): void {
    this.events.onProtocolError?.(error);
    this.reply(id, undefined, error);
  }

  private reply(id: MessageId | null, result: unknown, error?: RpcError): void {
    if (this.closedWith) return;
    const message: ResponseMessage =
      error === undefined
        ? { jsonrpc: '2.0', id: id as MessageId, result }
        : { jsonrpc: '2.0', id, error: error.toObject() };
    try {
      this.send(JSON.stringify(message));
    } catch (sendError) {
      this.events.onInternalError?.(sendError, 'send');
    }
  }
}

/** The schema issues of a zod error, in the shape `InvalidParams` errors carry. */
export function issuesOf(error: z.ZodError): { issues: { path: (string | number)[]; message: string }[] } {
  return {
    issues: error.issues.map((issue) => ({
      path: issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part)),
      message: issue.message,
    })),
  };
}

/** The `InvalidParams` error for params that failed the schema of `method`. */
export function invalidParams(method: string, error: z.ZodError): RpcError {
  const data = issuesOf(error);
  const first = data.issues[0];
  const where = first && first.path.length > 0 ? `${first.path.join('.')}: ` : '';
  return new RpcError(
    ErrorCode.InvalidParams,
    `invalid params for ${method}: ${where}${first?.message ?? 'invalid'}`,
    data,
  );
}
