import type { z } from 'zod';

/**
 * Whether a request changes state. Every `mutation` is written to the audit log, allowed or refused;
 * `query` requests never change anything.
 */
export type RequestKind = 'query' | 'mutation';

/** A request declared once and used by both peers: its method name, schemas and documentation. */
export interface RequestType<
  M extends string = string,
  P extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> {
  readonly method: M;
  readonly params: P;
  readonly result: R;
  readonly kind: RequestKind;
  /** One sentence saying what the request does, for the generated protocol README. */
  readonly doc: string;
}

/** A notification declared once: a name for what happened and the schema of its params. */
export interface NotificationType<M extends string = string, P extends z.ZodType = z.ZodType> {
  readonly method: M;
  readonly params: P;
  /** Which side sends it. */
  readonly direction: 'agentToClient' | 'clientToAgent';
  readonly doc: string;
}

/** Params as a handler sees them: validated, with defaults filled in. */
export type ParamsOf<T extends RequestType | NotificationType> = z.infer<T['params']>;
/** Params as a sender writes them: fields with defaults may be left out. */
export type ParamsInputOf<T extends RequestType | NotificationType> = z.input<T['params']>;
export type ResultOf<T extends RequestType> = z.infer<T['result']>;

export function defineRequest<M extends string, P extends z.ZodType, R extends z.ZodType>(declaration: {
  method: M;
  params: P;
  result: R;
  kind: RequestKind;
  doc: string;
}): RequestType<M, P, R> {
  return Object.freeze({ ...declaration });
}

export function defineNotification<M extends string, P extends z.ZodType>(declaration: {
  method: M;
  params: P;
  direction: NotificationType['direction'];
  doc: string;
}): NotificationType<M, P> {
  return Object.freeze({ ...declaration });
}
