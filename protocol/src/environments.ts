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
  updateType: UpdateTypeSchema.default('changedVersions'),
  /**
   * Install the branch's own modules: all of them on a new database, then each module new to the branch at
   * every update. An environment created without automation gets true for development (Odoo.sh's "install
   * only my modules"), false otherwise.
   */
  autoInstall: z.boolean().default(false),
  /** Run the OCA `queue_job` runner in app containers. */
  ocaQueue: z.boolean().default(false),
  /** Measure test coverage on builds. */
  coverage: z.boolean().default(false),
  /** The lowest acceptable coverage, in percent. */
  coverageThreshold: z.number().min(0).max(100).default(0),
  /** Start each build on a fresh database instead of a copy. */
  cleanDatabase: z.boolean().default(false),
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
  url: RegistryUrlSchema,
  branch: BranchNameSchema,
});

/** A deployment stage of a project: one per type, running on one server. */
export const EnvironmentSchema = z.object({
  id: IdSchema,
  projectId: IdSchema,
  type: EnvironmentTypeSchema,
  /** The server its apps run on. */
  serverId: IdSchema,
  automation: AutomationSchema,
  sharedAddons: z.array(SharedAddonSchema),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Environment = z.infer<typeof EnvironmentSchema>;

export const ListEnvironments = defineRequest({
  method: 'environments/list',
  kind: 'query',
  doc: 'Lists a project\u2019s environments.',
  params: z.object({ projectId: IdSchema }),
  result: z.object({ environments: z.array(EnvironmentSchema) }),
});

export const CreateEnvironment = defineRequest({
  method: 'environments/create',
  kind: 'mutation',
  doc: 'Adds an environment of a type the project does not have yet.',
  params: z.object({
    projectId: IdSchema,
    type: EnvironmentTypeSchema,
    /** Defaults to the agent's own server. */
    serverId: IdSchema.optional(),
    automation: AutomationSchema.optional(),
  }),
  result: z.object({ environment: EnvironmentSchema }),
});

export const UpdateEnvironment = defineRequest({
  method: 'environments/update',
  kind: 'mutation',
  doc: 'Saves an environment\u2019s automation settings or shared addons.',
  params: z.object({
    environmentId: IdSchema,
    automation: AutomationSchema.partial().optional(),
    sharedAddons: z.array(SharedAddonSchema).max(50).optional(),
  }),
  result: z.object({ environment: EnvironmentSchema }),
});
