import { IdSchema, JobKindSchema } from '@paas/protocol';
import { z } from 'zod';
import { AccessViewSchema } from './access';
import { ReadyMessageSchema, RequestDoneMessageSchema, RequestIdSchema } from './envelope';
import { JobStepViewSchema, JobViewSchema } from './jobView';

/** The finished outcomes Workflows filters on. */
export const WorkflowOutcomeSchema = z.enum(['succeeded', 'failed', 'canceled', 'interrupted']);
export type WorkflowOutcome = z.infer<typeof WorkflowOutcomeSchema>;

/** Server-side filters (`jobs/list` `appId`, `kinds`, `states`); empty means any. */
export const WorkflowFilterSchema = z.object({
  appId: IdSchema.optional(),
  kind: JobKindSchema.optional(),
  outcome: WorkflowOutcomeSchema.optional(),
});
export type WorkflowFilter = z.infer<typeof WorkflowFilterSchema>;

/** Jobs read per `jobs/list` call; "Load more" asks for the next page with the last job as cursor. */
export const WORKFLOW_PAGE_SIZE = 500;

export const WorkflowPageSchema = z.object({
  filter: WorkflowFilterSchema,
  jobs: z.array(JobViewSchema),
  /** Whether another page may follow (the last page was full). */
  more: z.boolean(),
});
export type WorkflowPage = z.infer<typeof WorkflowPageSchema>;

export const WorkflowsModelSchema = z.object({
  access: AccessViewSchema,
  projectName: z.string(),
  /** The project's apps, for the app filter. */
  apps: z.array(z.object({ id: IdSchema, name: z.string() })),
  page: WorkflowPageSchema,
});
export type WorkflowsModel = z.infer<typeof WorkflowsModelSchema>;

/** Everything the Workflows webview posts. */
export const WorkflowsToExtensionSchema = z.discriminatedUnion('type', [
  ReadyMessageSchema,
  /** The first page for a filter, or the next one after `before` (answered by `page`, then `requestDone`). */
  z.object({
    type: z.literal('query'),
    requestId: RequestIdSchema,
    filter: WorkflowFilterSchema,
    before: IdSchema.optional(),
  }),
  /** A job's steps, durations and logs (`jobs/get`; answered by `detail`, then `requestDone`). */
  z.object({ type: z.literal('open'), requestId: RequestIdSchema, jobId: IdSchema }),
]);
export type WorkflowsToExtension = z.infer<typeof WorkflowsToExtensionSchema>;

export const WorkflowsToWebviewSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('init'), model: WorkflowsModelSchema }),
  /** A page; `append` when it continues the shown list. */
  z.object({ type: z.literal('page'), page: WorkflowPageSchema, append: z.boolean() }),
  z.object({
    type: z.literal('detail'),
    job: JobViewSchema,
    steps: z.array(JobStepViewSchema),
  }),
  /** A job of the project finished (`jobs/didProgress`): it joins the top of the history if it matches. */
  z.object({ type: z.literal('finished'), job: JobViewSchema }),
  RequestDoneMessageSchema,
]);
export type WorkflowsToWebview = z.infer<typeof WorkflowsToWebviewSchema>;
