import { z } from 'zod';

/**
 * The protocol's version, `major.minor.patch`. Peers with the same major version understand each other;
 * a minor bump only adds methods, notifications or optional fields.
 */
export const PROTOCOL_VERSION = '1.1.0';

/** The major part of a `major.minor.patch` version, or `undefined` when the string is not one. */
export function majorOf(version: string): number | undefined {
  const match = /^(\d+)\.\d+\.\d+$/.exec(version);
  return match ? Number(match[1]) : undefined;
}

/** Whether a peer speaking `theirs` can talk to one speaking `ours`. */
export function isCompatibleVersion(ours: string, theirs: string): boolean {
  const a = majorOf(ours);
  return a !== undefined && a === majorOf(theirs);
}

/**
 * Stable error codes. The JSON-RPC 2.0 reserved range (-32768..-32000) holds the standard ones;
 * the rest are ours and never change meaning once released.
 */
export const ErrorCode = {
  /** The text received was not JSON. */
  ParseError: -32700,
  /** The JSON was not a JSON-RPC 2.0 request or notification. */
  InvalidRequest: -32600,
  /** No such method. */
  MethodNotFound: -32601,
  /** The params failed their schema; `data.issues` lists each issue with its path. */
  InvalidParams: -32602,
  /** Something broke inside the agent; the message never carries internals or secrets. */
  InternalError: -32603,
  /** A request came before the `initialize` handshake finished. */
  NotInitialized: -32002,
  /** The peers' protocol major versions differ; `data` names both versions. */
  IncompatibleVersion: -32010,
  /** The caller's identity is unknown or its token is no longer valid. */
  Unauthorized: -32011,
  /** The caller is known but its role does not allow this action here. */
  Forbidden: -32012,
  /** The target (project, app, token, ...) does not exist or is not visible to the caller. */
  NotFound: -32013,
  /** The request contradicts the current state (duplicate name, busy app, wrong state, ...). */
  Conflict: -32014,
  /** A plan or server limit would be exceeded; `data` names the limit and the plan that lifts it. */
  LimitExceeded: -32015,
  /** The request was canceled before it completed. */
  Canceled: -32016,
  /** A dependency (Docker, PostgreSQL, git remote, storage) did not answer or failed. */
  Unavailable: -32017,
  /** Too many requests or failed attempts from this source; retry later. */
  RateLimited: -32018,
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * WebSocket close codes the agent ends a session with (the 4000–4999 range is the application's). The
 * close reason is a sentence to show the user.
 */
export const CloseCode = {
  /** The session's token was revoked (`paas-agent token revoke`): the agent ends its connections at once. */
  TokenRevoked: 4001,
  /** The session's token reached its expiry (`token create --expires`). */
  TokenExpired: 4002,
} as const;

export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

const errorNames = new Map<number, string>(Object.entries(ErrorCode).map(([name, code]) => [code, name]));

/** The stable name of an error code (`NotFound`), for logs and messages. */
export function errorCodeName(code: number): string {
  return errorNames.get(code) ?? `Error${code}`;
}

/** One schema issue, as carried in `InvalidParams` errors. */
export const IssueSchema = z.object({
  path: z
    .array(z.union([z.string(), z.number()]))
    .describe('Where in the params the issue is, e.g. `["environment", "branch"]`.'),
  message: z.string().describe('What is wrong, for a person.'),
});
export type Issue = z.infer<typeof IssueSchema>;

/** A JSON-RPC error object. */
export const ErrorObjectSchema = z.object({
  code: z.number().int().describe('The JSON-RPC error code: one of the error codes listed above.'),
  message: z.string().describe('What went wrong, for a person.'),
  data: z.unknown().optional(),
});
export type ErrorObject = z.infer<typeof ErrorObjectSchema>;

/** An error that crosses the wire: a stable code, a message for people and optional structured data. */
export class RpcError extends Error {
  override readonly name = 'RpcError';

  constructor(
    readonly code: ErrorCode | number,
    message: string,
    readonly data?: unknown,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** The JSON-RPC error object for this error. */
  toObject(): ErrorObject {
    return this.data === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, data: this.data };
  }

  static fromObject(error: ErrorObject): RpcError {
    return new RpcError(error.code, error.message, error.data);
  }
}

const IdSchema = z.union([z.string().max(128), z.number().int()]);
/** A request id: a string or an integer. */
export type MessageId = z.infer<typeof IdSchema>;

const ParamsSchema = z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())]).optional();

/** A request: expects exactly one response with the same id. */
export const RequestMessageSchema = z.object({
  jsonrpc: z.literal('2.0'),
  id: IdSchema.describe('Chosen by the sender; the response carries the same id.'),
  method: z.string().min(1).max(128),
  params: ParamsSchema,
});
export type RequestMessage = z.infer<typeof RequestMessageSchema>;

/** A notification: no id, no response. */
export const NotificationMessageSchema = z.object({
  jsonrpc: z.literal('2.0'),
  method: z.string().min(1).max(128),
  params: ParamsSchema,
});
export type NotificationMessage = z.infer<typeof NotificationMessageSchema>;

/** A response: either `result` or `error`, never both. */
export const ResponseMessageSchema = z.union([
  z.object({ jsonrpc: z.literal('2.0'), id: IdSchema, result: z.unknown() }),
  z.object({ jsonrpc: z.literal('2.0'), id: IdSchema.nullable(), error: ErrorObjectSchema }),
]);
export type ResponseMessage = z.infer<typeof ResponseMessageSchema>;

/** Any well-formed message, told apart by the presence of `method` and `id`. */
export type Message = RequestMessage | NotificationMessage | ResponseMessage;

type MessageKind = 'request' | 'notification' | 'response';

/** A message together with its kind. */
export type ClassifiedMessage =
  | { kind: 'request'; message: RequestMessage }
  | { kind: 'notification'; message: NotificationMessage }
  | { kind: 'response'; message: ResponseMessage };

/** Each kind's schema check; the order of the keys is the order in which the kinds take precedence. */
const PARSERS: Record<MessageKind, (value: unknown) => ClassifiedMessage | undefined> = {
  request(value) {
    const parsed = RequestMessageSchema.safeParse(value);
    return parsed.success ? { kind: 'request', message: parsed.data } : undefined;
  },
  notification(value) {
    const parsed = NotificationMessageSchema.safeParse(value);
    return parsed.success && !hasKey(value, 'id')
      ? { kind: 'notification', message: parsed.data }
      : undefined;
  },
  response(value) {
    const parsed = ResponseMessageSchema.safeParse(value);
    return parsed.success ? { kind: 'response', message: parsed.data } : undefined;
  },
};
const KINDS = Object.keys(PARSERS) as MessageKind[];

/**
 * The kind a value's keys point to, tried first: without `method` it can only be a response, and
 * without `id` it cannot be a request. A value with both keys is most likely a request.
 */
function likelyKind(value: unknown): MessageKind {
  if (!hasKey(value, 'method')) return 'response';
  return hasKey(value, 'id') ? 'request' : 'notification';
}

/**
 * Classifies a parsed JSON value; `undefined` when it is no JSON-RPC 2.0 message. A well-formed message
 * goes through its own schema only; a value failing that one is tried against the others in order, so
 * the answer is always the first kind, in {@link PARSERS} order, whose schema accepts the value.
 */
export function classifyMessage(value: unknown): ClassifiedMessage | undefined {
  const likely = likelyKind(value);
  const classified = PARSERS[likely](value);
  if (classified) return classified;
  for (const kind of KINDS) {
    if (kind === likely) continue;
    const other = PARSERS[kind](value);
    if (other) return other;
  }
  return undefined;
}

function hasKey(value: unknown, key: string): boolean {
  return typeof value === 'object' && value !== null && key in value;
}

/** The id of a message that failed validation, when one can be read from it, so the error can answer it. */
export function readMessageId(value: unknown): MessageId | null {
  if (typeof value !== 'object' || value === null || !('id' in value)) return null;
  const parsed = IdSchema.safeParse((value as { id: unknown }).id);
  return parsed.success ? parsed.data : null;
}
