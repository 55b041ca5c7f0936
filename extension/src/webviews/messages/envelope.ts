import { z } from 'zod';

/**
 * The first message every webview posts. The extension posts nothing before it: a webview that is still
 * loading would drop the message.
 */
export const ReadyMessageSchema = z.object({ type: z.literal('ready') });

/** A webview-generated id tying a request to its `requestDone` answer. */
export const RequestIdSchema = z.string().min(1).max(64);

/** One schema issue from an agent `InvalidParams` error, its path joined with dots (`firstEnvironment.branch`). */
export const FieldIssueSchema = z.object({ path: z.string(), message: z.string() });
export type FieldIssue = z.infer<typeof FieldIssueSchema>;

/** An agent (or extension) error as a webview shows it; no stack, no internals. */
export const ErrorViewSchema = z.object({
  /** The protocol's stable error code. */
  code: z.number().int(),
  /** Its stable name, e.g. `Forbidden`. */
  codeName: z.string(),
  message: z.string(),
  /** Field issues, shown beside the matching fields. */
  issues: z.array(FieldIssueSchema),
});
export type ErrorView = z.infer<typeof ErrorViewSchema>;

/** The answer to a webview message that carried a `requestId`: success, or the error to show. */
export const RequestDoneMessageSchema = z.object({
  type: z.literal('requestDone'),
  requestId: RequestIdSchema,
  error: ErrorViewSchema.optional(),
});
export type RequestDoneMessage = z.infer<typeof RequestDoneMessageSchema>;
