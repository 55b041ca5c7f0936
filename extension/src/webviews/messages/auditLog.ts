import { AuditEntrySchema, TimestampSchema } from '@paas/protocol';
import { z } from 'zod';
import { AccessViewSchema } from './access';
import { ReadyMessageSchema, RequestDoneMessageSchema, RequestIdSchema } from './envelope';

/** The audit log's outcomes, as the protocol names them. */
const AuditOutcomeSchema = AuditEntrySchema.shape.outcome;

/** One audited mutation, mapped from the protocol's `AuditEntry` (`toAuditEntryView`). */
export const AuditEntryViewSchema = z.object({
  /** The entry's number, as text. */
  id: z.string(),
  at: TimestampSchema,
  /** Who: the user's email, else the actor string (`cli:root`). */
  actor: z.string(),
  /** The protocol method, e.g. `apps/deploy`. */
  method: z.string(),
  /** What it acted on, e.g. an app name; `null` for project-wide actions. */
  target: z.string().nullable(),
  outcome: AuditOutcomeSchema,
  /** The error's stable name when the outcome is `refused` or `failed`. */
  errorCode: z.string().nullable(),
});
export type AuditEntryView = z.infer<typeof AuditEntryViewSchema>;

export const AuditFilterSchema = z.object({
  actor: z.string().max(200).optional(),
  method: z.string().max(128).optional(),
  /** Applied by the extension to the pages it reads (`audit/list` has no outcome filter). */
  outcome: AuditOutcomeSchema.optional(),
  since: TimestampSchema.optional(),
  until: TimestampSchema.optional(),
});
export type AuditFilter = z.infer<typeof AuditFilterSchema>;

export const AuditPageSchema = z.object({
  filter: AuditFilterSchema,
  entries: z.array(AuditEntryViewSchema),
  /** Pass to the next `query`; `null` on the last page. */
  nextCursor: z.string().nullable(),
});
export type AuditPage = z.infer<typeof AuditPageSchema>;

export const AUDIT_PAGE_SIZE = 50;

/** Everything the audit log webview posts. */
export const AuditLogToExtensionSchema = z.discriminatedUnion('type', [
  ReadyMessageSchema,
  /** A page of entries (answered by `page`, then `requestDone`); no cursor is the first page. */
  z.object({
    type: z.literal('query'),
    requestId: RequestIdSchema,
    filter: AuditFilterSchema,
    cursor: z.string().max(200).optional(),
  }),
]);
export type AuditLogToExtension = z.infer<typeof AuditLogToExtensionSchema>;

export const AuditLogToWebviewSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('init'),
    access: AccessViewSchema,
    projectName: z.string(),
    page: AuditPageSchema,
  }),
  z.object({ type: z.literal('page'), page: AuditPageSchema }),
  RequestDoneMessageSchema,
]);
export type AuditLogToWebview = z.infer<typeof AuditLogToWebviewSchema>;
