import { IdSchema } from '@paas/protocol';
import { z } from 'zod';
import { AccessViewSchema } from './access';
import { ReadyMessageSchema, RequestDoneMessageSchema, RequestIdSchema } from './envelope';
import { JobViewSchema } from './jobView';

/** The project's pending jobs (`jobs/list` with `queued` and `running`), live through `jobs/didProgress`. */
export const QueueModelSchema = z.object({
  access: AccessViewSchema,
  projectName: z.string(),
  /** Pending jobs, oldest first (the order they run in). */
  jobs: z.array(JobViewSchema),
});
export type QueueModel = z.infer<typeof QueueModelSchema>;

/** Everything the Queue webview posts. */
export const QueueToExtensionSchema = z.discriminatedUnion('type', [
  ReadyMessageSchema,
  /** Re-read the queue (answered by `init`, then `requestDone`). */
  z.object({ type: z.literal('refresh'), requestId: RequestIdSchema }),
  /** Cancel a pending job (`jobs/cancel`); its end arrives as a `job` message. */
  z.object({ type: z.literal('cancel'), requestId: RequestIdSchema, jobId: IdSchema }),
]);
export type QueueToExtension = z.infer<typeof QueueToExtensionSchema>;

export const QueueToWebviewSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('init'), model: QueueModelSchema }),
  /** A job of the project changed (`jobs/didProgress`): the screen adds, updates or drops it. */
  z.object({ type: z.literal('job'), job: JobViewSchema }),
  RequestDoneMessageSchema,
]);
export type QueueToWebview = z.infer<typeof QueueToWebviewSchema>;
