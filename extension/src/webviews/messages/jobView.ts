import {
  ActionSchema,
  EnvironmentTypeSchema,
  JobKindSchema,
  JobStateSchema,
  JobStepNameSchema,
  JobStepStateSchema,
  TimestampSchema,
} from '@paas/protocol';
import { z } from 'zod';

/** A job as the Queue and Workflows screens list it, mapped from the protocol's `Job` (`toJobView`). */
export const JobViewSchema = z.object({
  id: z.string(),
  kind: JobKindSchema,
  state: JobStateSchema,
  /** The app's name; for runner jobs (which act on an environment) the environment's type. */
  subject: z.string(),
  appId: z.string(),
  environmentType: EnvironmentTypeSchema.nullable(),
  requestedBy: z.string(),
  progress: z.number().int().min(0).max(100),
  /** The step running now, for pending jobs. */
  currentStep: JobStepNameSchema.nullable(),
  createdAt: TimestampSchema,
  startedAt: TimestampSchema.nullable(),
  finishedAt: TimestampSchema.nullable(),
  /** Wall time from start to end, once finished. */
  durationMs: z.number().int().nonnegative().nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  /** The action canceling it takes (the one that queued it), checked in the job's environment type. */
  cancelAction: ActionSchema,
});
export type JobView = z.infer<typeof JobViewSchema>;

/** A step of an opened job, with the tail of its log. */
export const JobStepViewSchema = z.object({
  name: JobStepNameSchema,
  state: JobStepStateSchema,
  durationMs: z.number().int().nonnegative().nullable(),
  summary: z.string().nullable(),
  /** The log's last {@link STEP_LOG_TAIL} characters (the full log stays on the agent). */
  log: z.string(),
  /** Whether the log was cut to its tail. */
  truncated: z.boolean(),
});
export type JobStepView = z.infer<typeof JobStepViewSchema>;

/** How much of a step's log crosses into a webview. */
export const STEP_LOG_TAIL = 16_384;
