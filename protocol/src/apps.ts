import { z } from 'zod';
import { EnvironmentTypeSchema } from './access';
import { DisplayNameSchema, IdSchema, SlugSchema, TimestampSchema } from './common';
import { defineNotification, defineRequest } from './define';
import { OdooEditionSchema, OdooVersionSchema } from './environments';
import { BranchNameSchema } from './git';

/**
 * An app's lifecycle state. `queued` → `fetching` → `preparing` → `starting` → `running` is a deploy or an
 * update in progress (the previous revision keeps serving, except during a module update's window, when
 * its URL answers 503 with `Retry-After`). A failed update leaves the app `running` on its previous
 * revision with the failure as `lastError`; `error` means nothing serves (a failed first deploy) and
 * `canceled` ends a canceled job (`apps/retry` runs the last job again after either); `stopped` is an app
 * stopped on purpose.
 */
export const AppStateSchema = z.enum([
  'queued',
  'fetching',
  'preparing',
  'starting',
  'running',
  'error',
  'canceled',
  'stopped',
]);
export type AppState = z.infer<typeof AppStateSchema>;

/** Odoo's log levels, as Odoo writes them. */
export const LogLevelSchema = z.enum(['DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL']);
export type LogLevel = z.infer<typeof LogLevelSchema>;

/** The seeds' "log stats badges": WARNING and ERROR (and CRITICAL) lines counted since the last deploy. */
export const LogStatsSchema = z.object({
  warnings: z.number().int().nonnegative().describe('WARNING lines counted.'),
  errors: z.number().int().nonnegative().describe('ERROR and CRITICAL lines counted.'),
  since: TimestampSchema.nullable().describe('Counting started then: the last successful deploy or update.'),
});

/** A branch of the project's repository running (or meant to run) as an Odoo app: the seeds' app card. */
/**
 * The OCA `queue_job` runner's health, read from its log lines (OCA/queue `queue_job/jobrunner/runner.py`,
 * `QueueJobRunner.run` and `initialize_databases`).
 */
export const QueueRunnerSchema = z.enum([
  /** The runner thread started and is connecting to the databases. */
  'starting',
  /** "queue job runner ready for db <the app's database>": it runs the app's jobs. */
  'running',
  /** It connected, but not to the app's database: `queue_job` is not installed there. */
  'noDatabase',
  /** Its last word was "exception: sleeping …s and retrying", or `queue_job` could not be loaded. */
  'failing',
]);
export type QueueRunner = z.infer<typeof QueueRunnerSchema>;

export const AppSchema = z.object({
  id: IdSchema.describe('Its id, issued by the agent.'),
  projectId: IdSchema.describe('The project\u2019s id.'),
  environmentId: IdSchema.describe('The environment\u2019s id.'),
  environmentType: EnvironmentTypeSchema.describe(
    'The environment type: `production`, `staging` or `development`.',
  ),
  name: DisplayNameSchema.describe('Unique within the project.'),
  slug: SlugSchema.describe('Derived from the name once; part of container, database and directory names.'),
  branch: BranchNameSchema.describe('The Git branch.'),
  commitSha: z
    .string()
    .regex(/^[0-9a-f]{40,64}$/)
    .nullable()
    .describe('The commit the app runs (full SHA); `null` until the first deploy fetched it.'),
  odooVersion: OdooVersionSchema.describe('The Odoo series, e.g. `17.0`.'),
  edition: OdooEditionSchema.describe('The Odoo edition: `community` or `enterprise`.'),
  baseImage: z
    .string()
    .describe(
      "The image the app runs: its own setting, else the project's, else the official `odoo:<version>`.",
    ),
  state: AppStateSchema.describe(
    'Its lifecycle state: `queued` \u2192 `fetching` \u2192 `preparing` \u2192 `starting` \u2192 `running` during a deploy or update; `error` when nothing serves, `canceled` after a canceled job, `stopped` when stopped on purpose.',
  ),
  url: z
    .string()
    .nullable()
    .describe('Where the app answers (stable across updates); `null` before its first deploy.'),
  disabled: z
    .boolean()
    .describe('Disabled (archived) apps are stopped and hidden from lists unless asked for.'),
  serverId: IdSchema.describe("The server the app runs on (its environment's)."),
  databaseServerId: IdSchema.describe("The database server holding the app's database."),
  databaseName: z.string().describe("The app's database name on that server."),
  revision: z
    .number()
    .int()
    .nonnegative()
    .describe(
      "Deploy counter: each deploy or update that succeeds moves it to the job's revision. 0 before the first.",
    ),
  pendingJobId: IdSchema.nullable().describe(
    'The pending (queued or running) job of the app, if any: one at a time per app.',
  ),
  createdAt: TimestampSchema.describe('When it was created (ISO 8601 UTC).'),
  updatedAt: TimestampSchema.describe('When it last changed (ISO 8601 UTC).'),
  lastDeployedAt: TimestampSchema.nullable().describe(
    'When it was last deployed or updated successfully (ISO 8601 UTC); `null` until then.',
  ),
  logStats: LogStatsSchema.describe('Warning and error lines in its Odoo log since the last deploy.'),
  lastError: z
    .object({
      code: z.string().describe('A stable error code, e.g. `HEALTH_TIMEOUT`.'),
      message: z.string().describe('What went wrong, for a person.'),
    })
    .optional()
    .describe('Why the app is in `error` (or why its last job failed); absent when all is well.'),
  neutralized: z
    .boolean()
    .describe('Whether the database was neutralized (mail, crons off) after a restore; set by backups.'),
  queueRunner: QueueRunnerSchema.optional().describe(
    'The OCA `queue_job` runner of its current container, as its log tells (environments with `ocaQueue`); ' +
      'absent when the container logged no runner line (the queue is off, or the runner has not started).',
  ),
});
export type App = z.infer<typeof AppSchema>;

const AppIdParams = z.object({ appId: IdSchema.describe('The app\u2019s id.') });
const AppResult = z.object({ app: AppSchema.describe('The app as it is now.') });

/** A new app: created, then deployed by a job. */
export const NewAppSchema = z.object({
  environmentId: IdSchema.describe('The environment\u2019s id.'),
  name: DisplayNameSchema.describe(
    'Unique within the project (1\u2013100 characters); its slug is derived from it.',
  ),
  branch: BranchNameSchema.describe('The Git branch.'),
  odooVersion: OdooVersionSchema.optional().describe("Defaults to the project's configured Odoo version."),
  edition: OdooEditionSchema.optional().describe('The Odoo edition: `community` or `enterprise`.'),
  /** Any image that behaves like the official one; defaults to the project's, then `odoo:<version>`. */
  baseImage: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._/:@-]{0,254}$/, 'must be a Docker image reference')
    .optional()
    .describe(
      "A Docker image reference that behaves like the official one; defaults to the project's, then `odoo:<version>`.",
    ),
  port: z
    .number()
    .int()
    .min(1024)
    .max(65535)
    .optional()
    .describe('The public port the app is served on; the agent picks a free one when omitted.'),
  databaseServerId: IdSchema.optional().describe(
    "Database server to use; the agent's default one when omitted.",
  ),
});

export const ListApps = defineRequest({
  method: 'apps/list',
  kind: 'query',
  doc: 'Lists a project\u2019s apps, optionally of one environment; disabled apps only when asked for.',
  params: z.object({
    projectId: IdSchema.describe('The project\u2019s id.'),
    environmentId: IdSchema.optional().describe('The environment\u2019s id.'),
    includeDisabled: z.boolean().default(false).describe('Include disabled (archived) apps.'),
  }),
  result: z.object({ apps: z.array(AppSchema).describe('The apps, in creation order.') }),
});

export const GetApp = defineRequest({
  method: 'apps/get',
  kind: 'query',
  doc: 'Returns one app.',
  params: AppIdParams,
  result: AppResult,
});

export const DeployApp = defineRequest({
  method: 'apps/deploy',
  kind: 'mutation',
  doc:
    'Creates an app on a branch and deploys it, or (given `appId`) redeploys an existing app; runs as a job. ' +
    'A new app past the plan\u2019s `instances` is refused with LimitExceeded.',
  params: z.union([NewAppSchema, AppIdParams]),
  result: z.object({
    app: AppSchema.describe('The app as the request left it; the job moves its `state` on from there.'),
    jobId: IdSchema.describe('The job\u2019s id.'),
  }),
});

export const UpdateApp = defineRequest({
  method: 'apps/update',
  kind: 'mutation',
  doc:
    'Fetches the app\u2019s branch and, when it has a new commit, rolls the app forward (job). A code-only update ' +
    'switches without a failed request. When module versions changed, the app answers 503 with `Retry-After` ' +
    'while its database is copied and Odoo runs `-u` (its revision is stopped so nothing is written meanwhile). ' +
    'A failed update puts that copy back (no committed write is lost) and the app stays `running` on its ' +
    'previous revision with the failure as `lastError`; the `preUpdate` backup taken first is kept.',
  params: AppIdParams,
  result: z.object({
    app: AppSchema.describe(
      "A branch of the project's repository running (or meant to run) as an Odoo app: the seeds' app card.",
    ),
    jobId: IdSchema.nullable().describe('The update job; `null` when the branch has no new commit.'),
    upToDate: z.boolean().describe('`true` when there was nothing to do.'),
    message: z.string().describe('What happened, for people.'),
  }),
});

export const RetryApp = defineRequest({
  method: 'apps/retry',
  kind: 'mutation',
  doc:
    'Runs the app\u2019s last failed, canceled or interrupted job again: from `error` or `canceled`, or from ' +
    '`running` with a `lastError` (a failed update).',
  params: AppIdParams,
  result: z.object({
    app: AppSchema.describe('The app as the request left it; the job moves its `state` on from there.'),
    jobId: IdSchema.describe('The job\u2019s id.'),
  }),
});

export const StopApp = defineRequest({
  method: 'apps/stop',
  kind: 'mutation',
  doc: 'Stops the app\u2019s container; its URL answers 503 until started.',
  params: AppIdParams,
  result: AppResult,
});

export const StartApp = defineRequest({
  method: 'apps/start',
  kind: 'mutation',
  doc: 'Starts a stopped app and waits until it is healthy.',
  params: AppIdParams,
  result: AppResult,
});

export const RestartApp = defineRequest({
  method: 'apps/restart',
  kind: 'mutation',
  doc: 'Restarts the app\u2019s container and waits until it is healthy.',
  params: AppIdParams,
  result: AppResult,
});

export const DisableApp = defineRequest({
  method: 'apps/disable',
  kind: 'mutation',
  doc: 'Stops the app and hides it from lists (archive); nothing is deleted.',
  params: AppIdParams,
  result: AppResult,
});

export const EnableApp = defineRequest({
  method: 'apps/enable',
  kind: 'mutation',
  doc: 'Shows a disabled app again; it stays stopped until `apps/start`.',
  params: AppIdParams,
  result: AppResult,
});

export const DestroyApp = defineRequest({
  method: 'apps/destroy',
  kind: 'mutation',
  doc: 'Takes a final backup (`preDestroy`), then deletes the app: its containers, database, role, filestore and checkouts.',
  params: z.object({
    appId: IdSchema.describe('The app\u2019s id.'),
    confirmName: z.string().describe("Must equal the app's name: the danger-zone confirmation."),
    skipFinalBackup: z
      .boolean()
      .default(false)
      .describe(
        'Destroy without the final backup (it is kept in the catalog otherwise, and outlives the app).',
      ),
  }),
  result: z.object({ appId: IdSchema.describe('The app\u2019s id.') }),
});

/** One parsed line (or multi-line record, such as an ERROR with its traceback) of an app's log. */
export const LogLineSchema = z.object({
  time: TimestampSchema.nullable().describe(
    'When Odoo wrote it (ISO 8601), or `null` for output that is not an Odoo log record.',
  ),
  level: LogLevelSchema.nullable().describe('`null` for output that is not an Odoo log record.'),
  logger: z
    .string()
    .nullable()
    .describe('The Python logger, e.g. `odoo.modules.loading`; `null` when unknown.'),
  db: z.string().nullable().describe('The database the record is about; `null` for `?` or unknown.'),
  message: z.string().describe('The message, continuation lines (tracebacks) included, joined by `\\n`.'),
  raw: z.string().describe('The text as the container wrote it.'),
});
export type LogLine = z.infer<typeof LogLineSchema>;

export const StreamAppLogs = defineRequest({
  method: 'apps/logs',
  kind: 'query',
  doc: 'Streams the app\u2019s log as `apps/didLog` notifications: the last `tail` lines, then new ones until stopped.',
  params: z.object({
    appId: IdSchema.describe('The app\u2019s id.'),
    tail: z
      .number()
      .int()
      .min(0)
      .max(5000)
      .default(200)
      .describe('How many past lines to send first; 0–5000, default 200.'),
    follow: z
      .boolean()
      .default(true)
      .describe('Keep sending new lines until `apps/logsStop` or the connection closes; default true.'),
  }),
  result: z.object({
    streamId: IdSchema.describe('Identifies the stream in `apps/didLog` and `apps/logsStop`.'),
  }),
});

export const StopAppLogs = defineRequest({
  method: 'apps/logsStop',
  kind: 'query',
  doc: 'Ends a log stream started by `apps/logs`.',
  params: z.object({ streamId: IdSchema.describe('The stream `apps/logs` returned.') }),
  result: z.object({
    stopped: z.boolean().describe('`true` when this connection had such a stream and it is now ended.'),
  }),
});

export const AppDidLog = defineNotification({
  method: 'apps/didLog',
  direction: 'agentToClient',
  doc: 'Log lines of a stream started with `apps/logs`, in order, batched.',
  params: z.object({
    streamId: IdSchema.describe('The stream `apps/logs` returned.'),
    lines: z
      .array(LogLineSchema)
      .describe(
        "One parsed line (or multi-line record, such as an ERROR with its traceback) of an app's log.",
      ),
    ended: z
      .boolean()
      .describe('`true` on the last batch: the stream ended (not following, container removed, or stopped).'),
  }),
});

export const AppDidChange = defineNotification({
  method: 'apps/didChange',
  direction: 'agentToClient',
  doc: 'An app was created or changed (state, commit, log stats, ...) or destroyed. Sent to every client that can see the project.',
  params: z.object({
    app: AppSchema.describe(
      "A branch of the project's repository running (or meant to run) as an Odoo app: the seeds' app card.",
    ),
    destroyed: z.boolean().describe('`true` when the app was destroyed: clients drop it.'),
  }),
});
