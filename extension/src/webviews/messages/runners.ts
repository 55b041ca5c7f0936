import {
  EnvironmentTypeSchema,
  EXTRA_VAR_KEY,
  IdSchema,
  JobStateSchema,
  PlaybookSchema,
  RunnerOutcomeSchema,
  RunnerTaskResultSchema,
  TimestampSchema,
} from '@paas/protocol';
import { z } from 'zod';
import { AccessViewSchema } from './access';
import { ReadyMessageSchema, RequestDoneMessageSchema, RequestIdSchema } from './envelope';

/** One run in the history, mapped from the protocol's `RunnerRun` (`toRunnerRunView`). */
export const RunnerRunViewSchema = z.object({
  id: IdSchema,
  playbook: z.string(),
  environmentType: EnvironmentTypeSchema,
  ref: z.string(),
  /** The commit's first 12 characters, once fetched. */
  commit: z.string().nullable(),
  requestedBy: z.string(),
  /** The job's state: `queued` and `running` runs have no outcome yet and can be canceled. */
  state: JobStateSchema,
  outcome: RunnerOutcomeSchema.nullable(),
  createdAt: TimestampSchema,
  durationMs: z.number().int().nonnegative().nullable(),
  /** Why it did not succeed, as the job says. */
  error: z.string().nullable(),
  extraVars: z.record(z.string(), z.unknown()),
  tasks: z.array(RunnerTaskResultSchema),
});
export type RunnerRunView = z.infer<typeof RunnerRunViewSchema>;

export const RunnerFilterSchema = z.object({
  playbook: z.string().max(255).optional(),
  outcome: RunnerOutcomeSchema.optional(),
});
export type RunnerFilter = z.infer<typeof RunnerFilterSchema>;

/** The playbooks of a branch, or why they could not be read (no such branch, no runners folder). */
export const PlaybookListSchema = z.object({
  ref: z.string(),
  folder: z.string(),
  playbooks: z.array(PlaybookSchema),
  error: z.string().nullable(),
});
export type PlaybookList = z.infer<typeof PlaybookListSchema>;

export const RunnersModelSchema = z.object({
  access: AccessViewSchema,
  projectName: z.string(),
  /** The project's environments, where a run can target. */
  environments: z.array(EnvironmentTypeSchema),
  playbooks: PlaybookListSchema,
  filter: RunnerFilterSchema,
  runs: z.array(RunnerRunViewSchema),
});
export type RunnersModel = z.infer<typeof RunnersModelSchema>;

/** What the Run form sends: extra vars as typed, strings only. */
export const RunRequestSchema = z.object({
  environmentType: EnvironmentTypeSchema,
  playbook: z.string().min(1).max(255),
  ref: z.string().min(1).max(255),
  extraVars: z.array(z.object({ key: z.string().regex(EXTRA_VAR_KEY), value: z.string().max(4096) })).max(64),
});
export type RunRequest = z.infer<typeof RunRequestSchema>;

/** Everything the Runners webview posts. */
export const RunnersToExtensionSchema = z.discriminatedUnion('type', [
  ReadyMessageSchema,
  /** The history with this filter (answered by `runs`, then `requestDone`). */
  z.object({ type: z.literal('query'), requestId: RequestIdSchema, filter: RunnerFilterSchema }),
  /** The playbooks of a branch (answered by `playbooks`, then `requestDone`). */
  z.object({ type: z.literal('listPlaybooks'), requestId: RequestIdSchema, ref: z.string().min(1).max(255) }),
  /** Queues a run; its log opens in a terminal and the history reloads. */
  z.object({ type: z.literal('run'), requestId: RequestIdSchema, run: RunRequestSchema }),
  /** Opens a run's log in a terminal: what it printed so far, then live lines while it runs. */
  z.object({ type: z.literal('showLog'), runId: IdSchema }),
  z.object({ type: z.literal('cancel'), requestId: RequestIdSchema, runId: IdSchema }),
]);
export type RunnersToExtension = z.infer<typeof RunnersToExtensionSchema>;

export const RunnersToWebviewSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('init'), model: RunnersModelSchema }),
  z.object({ type: z.literal('runs'), filter: RunnerFilterSchema, runs: z.array(RunnerRunViewSchema) }),
  z.object({ type: z.literal('playbooks'), playbooks: PlaybookListSchema }),
  RequestDoneMessageSchema,
]);
export type RunnersToWebview = z.infer<typeof RunnersToWebviewSchema>;
