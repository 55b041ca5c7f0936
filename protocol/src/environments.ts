import { z } from 'zod';
import { EnvironmentTypeSchema } from './access';
import { IdSchema, TimestampSchema } from './common';
import { defineRequest } from './define';
import { BranchNameSchema, RegistryUrlSchema } from './git';

/** An Odoo series such as `17.0`, `18.0` or `19.0` (and `saas~18.3`-style intermediate series). */
export const OdooVersionSchema = z
  .string()
  .regex(/^(?:saas~)?\d{1,2}\.\d$/, 'must be an Odoo series such as 17.0, 18.0 or saas~18.3');

export const OdooEditionSchema = z.enum(['community', 'enterprise']);

/** Which modules an update runs Odoo's module update for. */
export const UpdateTypeSchema = z.enum([
  /** Modules whose `__manifest__.py` version changed (Odoo.sh's rule). */
  'changedVersions',
  /** Every installed module (`-u all`). */
  'all',
  /** No module update: code only. */
  'none',
]);

/** Per-environment automation settings (the seeds' "Environment Automation Fields"). */
export const AutomationSchema = z.object({
  updateType: UpdateTypeSchema.default('changedVersions').describe(
    'Which modules each update runs Odoo\u2019s module update (`-u`) for: `changedVersions` (default) the modules ' +
      'whose `__manifest__.py` version changed since the running revision (Odoo.sh\u2019s rule), `all` every ' +
      'installed module (`-u all`), `none` no module update (code only).',
  ),
  autoInstall: z
    .boolean()
    .default(false)
    .describe(
      'Install the branch\u2019s own modules: all of them on a new database, then each module new to the branch ' +
        'at every update. Default false; an environment created without `automation` gets true for development ' +
        '(Odoo.sh\u2019s "install only my modules"), false for staging and production.',
    ),
  ocaQueue: z
    .boolean()
    .default(false)
    .describe(
      'Run the OCA `queue_job` runner in app containers: odoo.conf loads `queue_job` server-wide with ' +
        '`[queue_job] channels = root:<CPUs>` (the runner as a thread of the threaded server), `queue_job` is ' +
        'installed with each new database or update, and apps report the runner\u2019s health (`queueRunner`). ' +
        'A build fails with `QUEUE_JOB_MISSING` when no addons path holds the module. Default false.',
    ),
  coverage: z
    .boolean()
    .default(false)
    .describe(
      'Measure test coverage on builds. Default false. Stored and shown only: the agent does not act on it yet.',
    ),
  coverageThreshold: z
    .number()
    .min(0)
    .max(100)
    .default(0)
    .describe(
      'The lowest acceptable test coverage, in percent (0\u2013100, default 0). Stored and shown only: the agent ' +
        'does not act on it yet.',
    ),
  cleanDatabase: z
    .boolean()
    .default(false)
    .describe(
      'Start each build on a fresh database instead of keeping the app\u2019s (development) or copying ' +
        'production\u2019s (staging): Odoo initialises it (`base`, and the branch\u2019s modules with ' +
        '`autoInstall`); the previous database serves until the new build is live and is dropped only then, so ' +
        'a failed clean build leaves the previous one serving. Default false. Refused for production.',
    ),
  preUpdateBackup: z
    .boolean()
    .default(false)
    .describe(
      "Take a `preUpdate` backup before each update of an app in this environment (kept by the plan's " +
        'retention). Production always takes one, whatever this says; Staging and Development only when it is on, as on Odoo.sh.',
    ),
});
export type Automation = z.infer<typeof AutomationSchema>;

/** An extra Git repository mounted into every app of an environment (environment-level shared addons). */
export const SharedAddonSchema = z.object({
  url: RegistryUrlSchema.describe('The repository\u2019s clone URL (a registry the agent can reach).'),
  branch: BranchNameSchema.describe('The branch of that repository to mount.'),
});

/** A deployment stage of a project: one per type, running on one server. */
export const EnvironmentSchema = z.object({
  id: IdSchema.describe('The environment\u2019s id.'),
  projectId: IdSchema.describe('The project it belongs to.'),
  type: EnvironmentTypeSchema.describe(
    '`production`, `staging` or `development`; one environment per type and project.',
  ),
  serverId: IdSchema.describe('The server its apps run on.'),
  automation: AutomationSchema.describe('How its apps are built and updated.'),
  sharedAddons: z
    .array(SharedAddonSchema)
    .describe('Extra Git repositories mounted into every app of the environment, as addons paths.'),
  createdAt: TimestampSchema.describe('When it was created (ISO 8601 UTC).'),
  updatedAt: TimestampSchema.describe('When its settings last changed (ISO 8601 UTC).'),
});
export type Environment = z.infer<typeof EnvironmentSchema>;

export const ListEnvironments = defineRequest({
  method: 'environments/list',
  kind: 'query',
  doc: 'Lists a project\u2019s environments.',
  params: z.object({ projectId: IdSchema.describe('The project whose environments to list.') }),
  result: z.object({ environments: z.array(EnvironmentSchema).describe('The project\u2019s environments.') }),
});

export const CreateEnvironment = defineRequest({
  method: 'environments/create',
  kind: 'mutation',
  doc: 'Adds an environment of a type the project does not have yet.',
  params: z.object({
    projectId: IdSchema.describe('The project to add it to.'),
    type: EnvironmentTypeSchema.describe('A type the project does not have yet.'),
    serverId: IdSchema.optional().describe(
      'The server its apps run on; defaults to the agent\u2019s own server.',
    ),
    automation: AutomationSchema.optional().describe(
      'Its automation settings; when left out, the defaults with `autoInstall` true for development only.',
    ),
  }),
  result: z.object({ environment: EnvironmentSchema.describe('The new environment.') }),
});

export const UpdateEnvironment = defineRequest({
  method: 'environments/update',
  kind: 'mutation',
  doc: 'Saves an environment\u2019s automation settings or shared addons.',
  params: z.object({
    environmentId: IdSchema.describe('The environment to change.'),
    automation: AutomationSchema.partial()
      .optional()
      .describe('Automation settings to change; fields left out keep their current values.'),
    sharedAddons: z
      .array(SharedAddonSchema)
      .max(50)
      .optional()
      .describe(
        'The complete new list of shared addons (at most 50), replacing the old one; left out: unchanged.',
      ),
  }),
  result: z.object({ environment: EnvironmentSchema.describe('The environment as saved.') }),
});
