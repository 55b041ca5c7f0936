import { z } from 'zod';
import { EnvironmentTypeSchema } from './access';
import { IdSchema, TimestampSchema } from './common';
import { defineNotification, defineRequest } from './define';
import { BranchNameSchema } from './git';
import { JobSchema } from './jobs';

/**
 * Runners: Ansible playbooks kept in the project's repository, run by the agent with `ansible-playbook`
 * against an environment. Each run is a job of kind `runner` (cancel it with `jobs/cancel`).
 */

/** A playbook path relative to the runners folder: `.yml`/`.yaml`, no `..`, no absolute path. */
export const PlaybookPathSchema = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[A-Za-z0-9_][A-Za-z0-9_./-]*\.ya?ml$/, 'must be a .yml or .yaml path inside the runners folder')
  .refine((path) => !path.split('/').includes('..'), 'must not leave the runners folder')
  .describe('The playbook, relative to the runners folder (e.g. `restart.yml`, `db/vacuum.yml`).');

/** Extra-var names: identifiers Ansible accepts, never one of Ansible's own `ansible_*` settings. */
export const EXTRA_VAR_KEY = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
/** The largest extra-vars object, in characters of JSON. */
export const MAX_EXTRA_VARS_CHARS = 16 * 1024;

export const ExtraVarsSchema = z
  .record(
    z.string().regex(EXTRA_VAR_KEY, 'extra-var names are identifiers of at most 64 characters'),
    z.union([z.string().max(4096), z.number(), z.boolean()]),
  )
  .refine(
    (vars) => Object.keys(vars).every((key) => !/^ansible_/i.test(key)),
    'extra vars must not set Ansible\u2019s own ansible_* settings (connection, become, interpreter)',
  )
  .refine(
    (vars) => JSON.stringify(vars).length <= MAX_EXTRA_VARS_CHARS,
    `extra vars are at most ${MAX_EXTRA_VARS_CHARS} characters of JSON`,
  )
  .describe(
    'Variables passed to the playbook with `--extra-vars`; values of keys naming a password, secret, token or key are redacted in logs, audit and history.',
  );

export const PlaybookSchema = z.object({
  path: PlaybookPathSchema.describe(
    'A playbook path relative to the runners folder: `.yml`/`.yaml`, no `..`, no absolute path.',
  ),
  description: z
    .string()
    .nullable()
    .describe('The first comment line of the file, else the first play\u2019s `name:`; null when neither.'),
});
export type Playbook = z.infer<typeof PlaybookSchema>;

export const RunnerOutcomeSchema = z
  .enum(['succeeded', 'failed', 'canceled', 'interrupted'])
  .describe('How a finished run ended; pending runs have none.');
export type RunnerOutcome = z.infer<typeof RunnerOutcomeSchema>;

/** One task's result on one host, as Ansible reported it. */
export const RunnerTaskResultSchema = z.object({
  host: z.string().describe('The inventory host the task ran on.'),
  task: z.string().describe('The task\u2019s name (or its action when unnamed).'),
  status: z.enum(['ok', 'changed', 'failed', 'skipped', 'unreachable']).describe('The task\u2019s result.'),
  changed: z.boolean().describe('Whether Ansible reported a change.'),
  message: z.string().nullable().describe('Ansible\u2019s `msg` for a failed or unreachable task.'),
});
export type RunnerTaskResult = z.infer<typeof RunnerTaskResultSchema>;

export const RunnerRunSchema = z.object({
  id: IdSchema.describe('The run, which is also its job\u2019s id.'),
  projectId: IdSchema.describe('The project whose repository holds the playbook.'),
  environmentType: EnvironmentTypeSchema.describe('The environment the playbook ran against.'),
  playbook: PlaybookPathSchema.describe(
    'A playbook path relative to the runners folder: `.yml`/`.yaml`, no `..`, no absolute path.',
  ),
  ref: BranchNameSchema.describe('The branch the playbook was read from.'),
  commitSha: z.string().nullable().describe('The commit the branch pointed to, once fetched.'),
  extraVars: z
    .record(z.string(), z.unknown())
    .describe('The extra vars, with secret-named values replaced by `[redacted]`.'),
  requestedBy: z.string().describe('Who started the run: `token:<name>`.'),
  outcome: RunnerOutcomeSchema.nullable(),
  tasks: z.array(RunnerTaskResultSchema).describe('Per-task results in the order they ended.'),
  job: JobSchema.describe('The run\u2019s job: state, timings, error.'),
  createdAt: TimestampSchema.describe('When the run was asked for.'),
  durationMs: z.number().int().nonnegative().nullable().describe('Wall time, once finished.'),
});
export type RunnerRun = z.infer<typeof RunnerRunSchema>;

export const ListPlaybooks = defineRequest({
  method: 'runners/playbooks',
  kind: 'query',
  doc: 'Lists the playbooks under the runners folder of the project\u2019s repository at a branch.',
  params: z.object({
    projectId: IdSchema.describe('The project.'),
    ref: BranchNameSchema.optional().describe(
      'The branch to read; default the project\u2019s production branch, else `main`.',
    ),
  }),
  result: z.object({
    folder: z.string().describe('The runners folder, relative to the repository root.'),
    commitSha: z.string().describe('The commit the playbooks were read from.'),
    playbooks: z.array(PlaybookSchema).describe('The playbooks, sorted by path.'),
  }),
});

export const RunPlaybook = defineRequest({
  method: 'runners/run',
  kind: 'mutation',
  doc: 'Queues a run of a playbook from a branch against an environment of the project.',
  params: z.object({
    projectId: IdSchema.describe('The project.'),
    environmentType: EnvironmentTypeSchema.describe(
      'The environment to run against; needs its deploy right.',
    ),
    playbook: PlaybookPathSchema.describe(
      'A playbook path relative to the runners folder: `.yml`/`.yaml`, no `..`, no absolute path.',
    ),
    ref: BranchNameSchema.describe('The branch to read the playbook from.'),
    extraVars: ExtraVarsSchema.default({}),
  }),
  result: z.object({ run: RunnerRunSchema.describe('The queued run.') }),
});

export const ListRunnerRuns = defineRequest({
  method: 'runners/list',
  kind: 'query',
  doc: 'Lists a project\u2019s runs, newest first.',
  params: z.object({
    projectId: IdSchema.describe('The project.'),
    playbook: PlaybookPathSchema.optional().describe('Only runs of this playbook.'),
    outcome: RunnerOutcomeSchema.optional().describe('Only runs that ended this way.'),
    limit: z.number().int().min(1).max(500).default(50).describe('How many at most; default 50.'),
  }),
  result: z.object({ runs: z.array(RunnerRunSchema).describe('The runs, newest first.') }),
});

export const GetRunnerRun = defineRequest({
  method: 'runners/get',
  kind: 'query',
  doc: 'Returns a run with its per-task results and its log.',
  params: z.object({ runId: IdSchema.describe('The run.') }),
  result: z.object({
    run: RunnerRunSchema.describe('The run.'),
    log: z.string().describe('ansible-playbook\u2019s output, secrets redacted (capped at 256 KiB).'),
  }),
});

export const RunnerDidLog = defineNotification({
  method: 'runners/didLog',
  direction: 'agentToClient',
  doc: 'Lines ansible-playbook printed during a run, secrets redacted. Sent to every client that can see the project.',
  params: z.object({
    runId: IdSchema.describe('The run.'),
    text: z.string().describe('One or more whole lines.'),
  }),
});
