import { z } from 'zod';
import { IdSchema, PageParamsSchema, TimestampSchema, UserSchema } from './common';
import { defineRequest } from './define';

/** One entry of the append-only audit log: every state-changing request, allowed or refused. */
export const AuditEntrySchema = z.object({
  id: z.number().int().describe('Increases with every entry; pages are ordered by it, newest first.'),
  at: TimestampSchema.describe('When the request was handled (ISO 8601 UTC).'),
  actor: z.string().describe("`user:<id>` for protocol callers, `cli:<login>` for the agent's command line."),
  actorUser: UserSchema.nullable().describe('The user behind `actor`, when it is one.'),
  action: z.string().describe('The request method, e.g. `members/updateRole`.'),
  target: z.string().nullable().describe('What it acted on, e.g. `project:abc123`.'),
  outcome: z
    .enum(['succeeded', 'refused', 'failed'])
    .describe(
      '`refused`: the caller was not allowed (`Forbidden` or `Unauthorized`); `failed`: any other error (`errorCode` says which).',
    ),
  errorCode: z.number().int().nullable().describe('The error code when it did not succeed.'),
  source: z.string().nullable().describe("The caller's network address."),
  params: z.unknown().describe("The request's parameters with every secret replaced by `[redacted]`."),
  organizationId: IdSchema.nullable().describe('The organization\u2019s id.'),
  projectId: IdSchema.nullable().describe('The project\u2019s id.'),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const ListAuditEntries = defineRequest({
  method: 'audit/list',
  kind: 'query',
  doc: 'Pages through an organization\u2019s or a project\u2019s audit log, newest first, with filters.',
  params: PageParamsSchema.extend({
    organizationId: IdSchema.optional().describe(
      "The organization whose log to read; defaults to the caller's only one. Needs Admin or Owner there.",
    ),
    projectId: IdSchema.optional().describe(
      "Only this project's entries (its Audit Logs tab). Needs Admin or Owner on the project.",
    ),
    actor: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .describe('A user id, or a full actor string such as `cli:root`.'),
    action: z
      .string()
      .min(1)
      .max(128)
      .optional()
      .describe('An exact method (`projects/changePlan`) or a prefix ending in `/` (`members/`).'),
    target: z.string().min(1).max(200).optional().describe('An exact target, e.g. `project:abc123`.'),
    from: TimestampSchema.optional().describe('Entries at or after this time.'),
    to: TimestampSchema.optional().describe('Entries before this time.'),
  }),
  result: z.object({
    entries: z
      .array(AuditEntrySchema)
      .describe('One entry of the append-only audit log: every state-changing request, allowed or refused.'),
    nextCursor: z
      .string()
      .optional()
      .describe('Pass as `cursor` for the next (older) page; absent on the last page.'),
  }),
});
