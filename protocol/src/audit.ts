import { z } from 'zod';
import { IdSchema, PageParamsSchema, TimestampSchema, UserSchema } from './common';
import { defineRequest } from './define';

/** One entry of the append-only audit log: every state-changing request, allowed or refused. */
export const AuditEntrySchema = z.object({
  /** Increases with every entry; pages are ordered by it, newest first. */
  id: z.number().int(),
  at: TimestampSchema,
  /** `user:<id>` for protocol callers, `cli:<login>` for the agent's command line. */
  actor: z.string(),
  /** The user behind `actor`, when it is one. */
  actorUser: UserSchema.nullable(),
  /** The request method, e.g. `members/updateRole`. */
  action: z.string(),
  /** What it acted on, e.g. `project:abc123`. */
  target: z.string().nullable(),
  outcome: z.enum(['succeeded', 'refused', 'failed']),
  /** The error code when it did not succeed. */
  errorCode: z.number().int().nullable(),
  /** The caller's network address. */
  source: z.string().nullable(),
  /** The request's parameters with every secret replaced by `[redacted]`. */
  params: z.unknown(),
  organizationId: IdSchema.nullable(),
  projectId: IdSchema.nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const ListAuditEntries = defineRequest({
  method: 'audit/list',
  kind: 'query',
  doc: 'Pages through an organization\u2019s or a project\u2019s audit log, newest first, with filters.',
  params: PageParamsSchema.extend({
    /** The organization whose log to read; defaults to the caller's only one. Needs Admin or Owner there. */
    organizationId: IdSchema.optional(),
    /** Only this project's entries (its Audit Logs tab). Needs Admin or Owner on the project. */
    projectId: IdSchema.optional(),
    /** A user id, or a full actor string such as `cli:root`. */
    actor: z.string().min(1).max(200).optional(),
    /** An exact method (`projects/changePlan`) or a prefix ending in `/` (`members/`). */
    action: z.string().min(1).max(128).optional(),
    /** An exact target, e.g. `project:abc123`. */
    target: z.string().min(1).max(200).optional(),
    /** Entries at or after this time. */
    from: TimestampSchema.optional(),
    /** Entries before this time. */
    to: TimestampSchema.optional(),
  }),
  result: z.object({
    entries: z.array(AuditEntrySchema),
    /** Pass as `cursor` for the next (older) page; absent on the last page. */
    nextCursor: z.string().optional(),
  }),
});
