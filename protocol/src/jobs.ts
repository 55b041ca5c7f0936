import { z } from 'zod';
import type { Action } from './access';
import { IdSchema, TimestampSchema } from './common';
import { defineNotification, defineRequest } from './define';

/** What a job does to its app. */
export const JobKindSchema = z.enum([
  /** A new app's first deployment, or a full redeploy of an existing one. */
  'deploy',
  /** Fetch the branch and roll the app forward to its new commit, with rollback on failure. */
  'update',
  /** A manual backup of the app (database + filestore) into the project's storage. */
  'backup',
  /** A backup restored into the app, switched in only once fully restored. */
  'restore',
  /** A backup restored into a throwaway database and checked against its manifest (the app is the backup's). */
  'verify',
  /** An uploaded Odoo zip checked, loaded into a throwaway database and archived as an `imported` backup of the app. */
  'import',
  /** An Ansible playbook from the project's repository run against an environment (`runners/run`). */
  'runner',
  /** An update rehearsed on a throwaway, neutralized copy of the app's database (`apps/dryRunUpdate`). */
  'dryRun',
]);
export type JobKind = z.infer<typeof JobKindSchema>;

/**
 * The kinds that never touch the app (a throwaway database only), so they run beside its other jobs
 * instead of waiting for them.
 */
export const SIDE_JOB_KINDS: readonly JobKind[] = ['verify', 'import', 'runner'];

/** The action that queues each kind of job: canceling a job takes the same one (`jobs/cancel`). */
export const JOB_KIND_ACTIONS: { readonly [K in JobKind]: Action } = {
  deploy: 'app.deploy',
  update: 'app.update',
  backup: 'app.backup',
  restore: 'backup.restore',
  verify: 'app.backup',
  import: 'app.backup',
  runner: 'runner.run',
  dryRun: 'app.update',
};

/** The kinds that build a new revision of the app (the others leave its code and container alone). */
export const DEPLOY_JOB_KINDS: readonly JobKind[] = ['deploy', 'update'];

/** The kinds that check out the app's next revision: deploys and updates, and dry runs (which discard it). */
export const CANDIDATE_JOB_KINDS: readonly JobKind[] = [...DEPLOY_JOB_KINDS, 'dryRun'];

/**
 * Where a job stands. `queued` and `running` are pending; the others are final. `interrupted` means the
 * agent stopped while the job ran (crash, kill, reboot): its half-made work was undone at the next
 * start, and `apps/retry` runs it again.
 */
export const JobStateSchema = z.enum(['queued', 'running', 'succeeded', 'failed', 'canceled', 'interrupted']);
export type JobState = z.infer<typeof JobStateSchema>;

/** The job states that are still pending (not final). */
export const PENDING_JOB_STATES: readonly JobState[] = ['queued', 'running'];

/**
 * A step of a job. Deploys and updates run, in order:
 * `fetch` (mirror fetch and checkout of the commit), `validate` (every manifest of the checkout read as Odoo
 * reads it and every module's dependencies resolved against the addons paths and the image's own addons,
 * before anything changes), `backup` (the pre-update backup of an app that has a
 * database already), `prepare` (addons path, Odoo config), `database` (role and database on the database
 * server), `init` (Odoo's `-i` install on a new database), `snapshot` (copy of the database taken before a
 * module update), `moduleUpdate` (Odoo's `-u` for changed modules), `start` (the new revision's
 * container), `health` (waits for the health URL), `switch` (moves traffic to the new revision and
 * removes the old one). Backups run `backup`; restores `backup` (the pre-restore backup of a production
 * target), `restore` (into a new database and a staged filestore, neutralized for non-production) and
 * `switch` (the app stopped, the copy put in place, the app started); verifications run `verify`; imports
 * run `verify` (the zip checked and loaded into a throwaway database) then `backup` (archived into storage);
 * runner jobs run `fetch` (the branch fetched and checked out) then `playbook` (`ansible-playbook`); dry runs
 * run `fetch`, `validate`, `prepare` (for the copy), `database` (the app's database copied live and
 * neutralized) and `moduleUpdate` (Odoo's `-i`/`-u` on the copy), then drop the copy.
 */
export const JOB_STEP_NAMES = [
  'fetch',
  'validate',
  'backup',
  'prepare',
  'database',
  'init',
  'snapshot',
  'moduleUpdate',
  'start',
  'health',
  'switch',
  'restore',
  'verify',
  'playbook',
] as const;
export const JobStepNameSchema = z.enum(JOB_STEP_NAMES);
export type JobStepName = z.infer<typeof JobStepNameSchema>;

/** Steps only other kinds than deploys and updates run. */
const OTHER_KINDS_STEPS: readonly JobStepName[] = ['restore', 'verify', 'playbook'];

/** The steps of each kind of job, in the order they run. */
export const JOB_STEPS: { readonly [K in JobKind]: readonly JobStepName[] } = {
  deploy: JOB_STEP_NAMES.filter((name) => !OTHER_KINDS_STEPS.includes(name)),
  update: JOB_STEP_NAMES.filter((name) => !OTHER_KINDS_STEPS.includes(name)),
  backup: ['backup'],
  restore: ['backup', 'restore', 'switch'],
  verify: ['verify'],
  import: ['verify', 'backup'],
  runner: ['fetch', 'playbook'],
  dryRun: ['fetch', 'validate', 'prepare', 'database', 'moduleUpdate'],
};

/**
 * Where a step stands; `skipped` steps had nothing to do (no module changed, database already there);
 * `interrupted`: the agent stopped (crashed, killed) while the step ran.
 */
export const JobStepStateSchema = z.enum([
  'pending',
  'running',
  'succeeded',
  'failed',
  'skipped',
  'canceled',
  'interrupted',
]);
export type JobStepState = z.infer<typeof JobStepStateSchema>;

/** A step as listed in a job, without its log. */
export const JobStepSchema = z.object({
  name: JobStepNameSchema.describe('Which step, e.g. `fetch`, `moduleUpdate` or `health`.'),
  state: JobStepStateSchema.describe(
    'Where the step stands; `skipped`: nothing to do; `interrupted`: the agent stopped while it ran.',
  ),
  startedAt: TimestampSchema.nullable().describe('When it started (ISO 8601 UTC); `null` until then.'),
  finishedAt: TimestampSchema.nullable().describe('When it finished (ISO 8601 UTC); `null` until then.'),
  durationMs: z
    .number()
    .int()
    .nonnegative()
    .nullable()
    .describe('Wall time of the step in milliseconds, once it finished.'),
  summary: z.string().nullable().describe('One line for people: what the step did or why it failed.'),
});
export type JobStep = z.infer<typeof JobStepSchema>;

/** A step with its log (git, PostgreSQL and container output, capped at 256 KiB per step). */
export const JobStepDetailSchema = JobStepSchema.extend({
  log: z.string().describe('The step\u2019s log: git, PostgreSQL and container output, capped at 256 KiB.'),
});
export type JobStepDetail = z.infer<typeof JobStepDetailSchema>;

/** Why a job failed, with a stable code (`GIT_REF_NOT_FOUND`, `HEALTH_TIMEOUT`, `MODULE_UPDATE_FAILED`, ...). */
export const JobErrorSchema = z.object({
  code: z.string().describe('A stable error code, e.g. `GIT_REF_NOT_FOUND` or `HEALTH_TIMEOUT`.'),
  message: z.string().describe('What went wrong, for a person.'),
});

/**
 * A background job: the seeds' Queue (pending ones) and Workflows (finished ones). Deploys, updates,
 * backups and restores of one app run one at a time; verifications do not touch the app and run beside them.
 */
export const JobSchema = z.object({
  id: IdSchema.describe('Its id, issued by the agent.'),
  projectId: IdSchema.describe('The project\u2019s id.'),
  environmentId: IdSchema.describe('The environment\u2019s id.'),
  appId: IdSchema.describe(
    "The app the job is for; for runner jobs, which act on a whole environment, the environment's id.",
  ),
  kind: JobKindSchema.describe(
    'What the job does: `deploy`, `update`, `backup`, `restore`, `verify`, `import` or `runner`.',
  ),
  state: JobStateSchema.describe(
    '`queued` and `running` are pending, the others final; `interrupted`: the agent stopped while it ran (retry with `apps/retry`).',
  ),
  requestedBy: z
    .string()
    .describe('Who asked for it: `token:<name>` or `agent` for jobs the agent started itself.'),
  commitSha: z.string().nullable().describe('The commit the job deploys, once the fetch step resolved it.'),
  revision: z
    .number()
    .int()
    .nonnegative()
    .describe(
      "The app revision a deploy or update builds (the app's revision counter after it succeeds); for backup, restore and verify jobs the revision the app ran when the job was queued (0: none).",
    ),
  backupId: IdSchema.nullable().describe(
    'The backup a backup job makes (once it started), or the one a restore or verify job reads.',
  ),
  progress: z.number().int().min(0).max(100).describe('Percentage of steps done, 0–100.'),
  steps: z.array(JobStepSchema).describe('Its steps, in the order they run.'),
  error: JobErrorSchema.nullable().describe(
    'Why it did not succeed (failed, canceled or interrupted); `null` when there is nothing to report.',
  ),
  createdAt: TimestampSchema.describe('When it was created (ISO 8601 UTC).'),
  startedAt: TimestampSchema.nullable().describe('When it started (ISO 8601 UTC); `null` until then.'),
  finishedAt: TimestampSchema.nullable().describe('When it finished (ISO 8601 UTC); `null` until then.'),
});
export type Job = z.infer<typeof JobSchema>;

export const ListJobs = defineRequest({
  method: 'jobs/list',
  kind: 'query',
  doc: 'Lists a project\u2019s jobs, newest first: pending ones (Queue) and finished ones (Workflows).',
  params: z.object({
    projectId: IdSchema.describe('The project\u2019s id.'),
    appId: IdSchema.optional().describe('Only jobs of this app.'),
    states: z
      .array(JobStateSchema)
      .max(6)
      .optional()
      .describe('Only jobs in these states; omit for all. `["queued","running"]` is the Queue view.'),
    kinds: z
      .array(JobKindSchema)
      .max(7)
      .optional()
      .describe('Only jobs of these kinds; omit for all (the Workflows screen\u2019s kind filter).'),
    before: IdSchema.optional().describe(
      'Paging: only jobs older than this job of the project (pass the last job of the previous page).',
    ),
    limit: z.number().int().min(1).max(500).default(50).describe('How many at most; 1–500, default 50.'),
  }),
  result: z.object({ jobs: z.array(JobSchema).describe('The jobs, newest first, at most `limit`.') }),
});

export const GetJob = defineRequest({
  method: 'jobs/get',
  kind: 'query',
  doc: 'Returns a job with its steps, their timings and their logs.',
  params: z.object({ jobId: IdSchema.describe('The job\u2019s id.') }),
  result: z.object({
    job: JobSchema.describe('The job.'),
    steps: z.array(JobStepDetailSchema).describe('Its steps with their logs, in the order they run.'),
  }),
});

export const CancelJob = defineRequest({
  method: 'jobs/cancel',
  kind: 'mutation',
  doc: 'Cancels a queued or running job: the running step is aborted and its half-made work undone.',
  params: z.object({ jobId: IdSchema.describe('The job\u2019s id.') }),
  result: z.object({ job: JobSchema.describe('The job after the cancel request.') }),
});

export const JobDidProgress = defineNotification({
  method: 'jobs/didProgress',
  direction: 'agentToClient',
  doc: 'A job changed: queued, a step started or ended, or it finished. Sent to every client that can see the project.',
  params: z.object({ job: JobSchema.describe('The job as it now stands.') }),
});
