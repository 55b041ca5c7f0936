import { z } from 'zod';
import { EnvironmentTypeSchema } from './access';
import { DisplayNameSchema, IdSchema, SlugSchema, TimestampSchema } from './common';
import { defineRequest } from './define';
import { AutomationSchema, EnvironmentSchema, OdooEditionSchema, OdooVersionSchema } from './environments';
import { BranchNameSchema, RegistryUrlSchema } from './git';

/** Credentials for a private registry, as a client sends them. The agent keeps them and never returns them. */
export const RegistryCredentialsSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none').describe('A public repository: no credentials.') }),
  z.object({
    kind: z.literal('token').describe('Which variant this is: `token`.'),
    username: z
      .string()
      .min(1)
      .max(100)
      .default('git')
      .describe('The HTTPS user name the token goes with (GitHub accepts any; GitLab wants `oauth2`).'),
    token: z
      .string()
      .min(1)
      .max(4096)
      .describe(
        'An HTTPS access token with read access; kept sealed by the agent, never returned nor logged.',
      ),
  }),
  z.object({
    kind: z.literal('deployKey').describe('Which variant this is: `deployKey`.'),
    privateKey: z.string().min(1).max(16384).describe('An OpenSSH private key without a passphrase.'),
  }),
]);

/** The registry as the agent reports it: the URL and which kind of credentials it holds, never the secret. */
export const RegistrySchema = z.object({
  url: RegistryUrlSchema.describe(
    'A Git repository URL the agent may fetch: `https://`, `ssh://`, scp-like `user@host:path`, or `file://` (local repositories, for tests and demos). Nothing that git could read as an option or a local helper.',
  ),
  credentials: z
    .enum(['none', 'token', 'deployKey'])
    .describe(
      'Which kind of credentials the agent holds for the registry; the secret itself is never returned.',
    ),
});

/** Where the project's app URLs are published. */
export const DomainProviderSchema = z.object({
  kind: z
    .enum(['none', 'cloudflare', 'manual'])
    .describe("`none`: apps are reached at the agent's published address and port."),
  /** The domain app hostnames are made under, e.g. `apps.example.com`. */
  baseDomain: z
    .string()
    .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'must be a domain name')
    .optional()
    .describe(
      'The domain app hostnames are made under, e.g. `apps.example.com` (lowercase); kept with the project, the agent does not create DNS records itself.',
    ),
});

export const PLAN_TIERS = ['free', 'essential', 'pro', 'premium'] as const;
export const PlanTierSchema = z.enum(PLAN_TIERS);
export type PlanTier = z.infer<typeof PlanTierSchema>;
export const BillingPeriodSchema = z.enum(['monthly', 'annual']);
export type BillingPeriod = z.infer<typeof BillingPeriodSchema>;

/** The project's plan: a tier and how it is billed. */
export const PlanChoiceSchema = z.object({
  tier: PlanTierSchema.describe(
    'The plan: `free`, `essential`, `pro` or `premium`, cheapest first (see `plans/list`).',
  ),
  billing: BillingPeriodSchema.default('monthly').describe(
    'How it is billed: `monthly`, or `annual` (a year priced as ten months); default `monthly`.',
  ),
});
export type PlanChoice = z.infer<typeof PlanChoiceSchema>;

/** Project-level build and deployment settings (the Project Info "Configuration" tab). */
export const BuildConfigurationSchema = z.object({
  odooVersion: OdooVersionSchema.describe('The Odoo version new apps default to.'),
  edition: OdooEditionSchema.default('community').describe('The Odoo edition: `community` or `enterprise`.'),
  baseImage: z
    .string()
    .max(255)
    .optional()
    .describe('The image new apps run; by default the official `odoo:<version>`.'),
  /** Addon folder names never put on the addons path. */
  excludedAddons: z
    .array(z.string().regex(/^[A-Za-z0-9_]{1,100}$/))
    .max(500)
    .default([])
    .describe(
      'Addon folder names (letters, digits, `_`; at most 500) left off the addons path of every deploy; default none.',
    ),
});

export const ProjectSchema = z.object({
  id: IdSchema.describe('Its id, issued by the agent.'),
  organizationId: IdSchema.describe('The organization\u2019s id.'),
  name: DisplayNameSchema.describe('Its display name (1\u2013100 characters).'),
  code: SlugSchema.describe(
    'The resource-name prefix: containers, volumes, databases and directories start with it.',
  ),
  deploymentType: z.literal('odoo').describe('What the project deploys; only Odoo today.'),
  registry: RegistrySchema.describe(
    'The registry as the agent reports it: the URL and which kind of credentials it holds, never the secret.',
  ),
  domainProvider: DomainProviderSchema.describe("Where the project's app URLs are published."),
  plan: PlanChoiceSchema.describe("The project's plan: a tier and how it is billed."),
  configuration: BuildConfigurationSchema.describe(
    'Project-level build and deployment settings (the Project Info "Configuration" tab).',
  ),
  createdAt: TimestampSchema.describe('When it was created (ISO 8601 UTC).'),
  updatedAt: TimestampSchema.describe('When it last changed (ISO 8601 UTC).'),
});
export type Project = z.infer<typeof ProjectSchema>;

export const ListProjects = defineRequest({
  method: 'projects/list',
  kind: 'query',
  doc: 'Lists the projects the caller can see.',
  params: z.object({
    organizationId: IdSchema.optional().describe(
      'Only projects of this organization; omit for all the caller sees.',
    ),
  }),
  result: z.object({ projects: z.array(ProjectSchema).describe('The projects the caller can see.') }),
});

export const GetProject = defineRequest({
  method: 'projects/get',
  kind: 'query',
  doc: 'Returns a project with its environments.',
  params: z.object({ projectId: IdSchema.describe('The project\u2019s id.') }),
  result: z.object({
    project: ProjectSchema.describe('The project.'),
    environments: z.array(EnvironmentSchema).describe('Its environments, one per type.'),
  }),
});

export const CreateProject = defineRequest({
  method: 'projects/create',
  kind: 'mutation',
  doc: 'Creates a project, its plan and its first environment in one transaction.',
  params: z.object({
    organizationId: IdSchema.optional().describe(
      "The organization to create it in; defaults to the caller's only organization.",
    ),
    name: DisplayNameSchema.describe('The display name (1\u2013100 characters).'),
    code: SlugSchema.optional().describe('Defaults to a slug of the name.'),
    deploymentType: z
      .literal('odoo')
      .default('odoo')
      .describe('What the project deploys; only `odoo`, the default.'),
    registry: z
      .object({
        url: RegistryUrlSchema.describe(
          'A Git repository URL the agent may fetch: `https://`, `ssh://`, scp-like `user@host:path`, or `file://` (local repositories, for tests and demos). Nothing that git could read as an option or a local helper.',
        ),
        credentials: RegistryCredentialsSchema.default({ kind: 'none' }).describe(
          'How the agent authenticates to the registry; default none (a public repository).',
        ),
      })
      .describe('The Git repository the project deploys from.'),
    domainProvider: DomainProviderSchema.default({ kind: 'none' }).describe(
      "Where the project's app URLs are published; default `none`.",
    ),
    plan: PlanChoiceSchema.default({ tier: 'free', billing: 'monthly' }).describe(
      'The plan to start on; default `free`, billed monthly.',
    ),
    configuration: BuildConfigurationSchema.describe(
      'Project-level build and deployment settings (the Project Info "Configuration" tab).',
    ),
    firstEnvironment: z
      .object({
        type: EnvironmentTypeSchema.describe('Its type: `production`, `staging` or `development`.'),
        automation: AutomationSchema.optional().describe(
          'Per-environment automation settings (the seeds\' "Environment Automation Fields").',
        ),
        branch: BranchNameSchema.optional().describe(
          'When given, the first app is created on this branch and deployed.',
        ),
      })
      .describe('The environment created with the project.'),
  }),
  result: z.object({
    project: ProjectSchema.describe('The new project.'),
    environment: EnvironmentSchema.describe(
      'A deployment stage of a project: one per type, running on one server.',
    ),
    jobId: IdSchema.optional().describe('The deploy job of the first app, when a branch was given.'),
  }),
});

export const UpdateProject = defineRequest({
  method: 'projects/update',
  kind: 'mutation',
  doc: 'Changes a project\u2019s general info or configuration; omitted fields stay as they are.',
  params: z.object({
    projectId: IdSchema.describe('The project\u2019s id.'),
    name: DisplayNameSchema.optional().describe('A new display name (1\u2013100 characters).'),
    registry: z
      .object({
        url: RegistryUrlSchema.describe('The Git repository URL (same forms as at creation).'),
        credentials: RegistryCredentialsSchema.optional().describe(
          'New credentials; omitted, the stored ones are kept.',
        ),
      })
      .optional()
      .describe('A new registry URL and, optionally, new credentials.'),
    domainProvider: DomainProviderSchema.optional().describe("Where the project's app URLs are published."),
    configuration: BuildConfigurationSchema.partial()
      .optional()
      .describe('Configuration fields to change; the others stay as they are.'),
  }),
  result: z.object({ project: ProjectSchema.describe('The project as it is now.') }),
});

/** The danger zone: deletes a project with its environments and apps. Needs Admin or Owner. */
export const DeleteProject = defineRequest({
  method: 'projects/delete',
  kind: 'mutation',
  doc:
    'Deletes a project for good once its code is typed back: first a final backup (`preDestroy`) of each deployed app ' +
    'unless `skipFinalBackups` (a failed one refuses the delete, and nothing is removed), then its environments, apps, ' +
    'databases and filestores. The final backups, and the backups the project already had, stay in its organization\u2019s ' +
    'catalog until an organization Admin deletes them: `backups/listDeletedProjects` lists them, and `backups/get`, ' +
    'the download route, `backups/restore` (into an app of another project of the organization) and `backups/delete` ' +
    'work on them as on any backup.',
  params: z.object({
    projectId: IdSchema.describe('The project\u2019s id.'),
    confirmCode: z.string().max(64).describe("The project's code, typed back by the person deleting it."),
    skipFinalBackups: z
      .boolean()
      .default(false)
      .describe(
        'Skip the final backup of each app: data since their last backup is then lost (earlier backups are still kept).',
      ),
  }),
  result: z.object({ projectId: IdSchema.describe('The project\u2019s id.') }),
});

/**
 * The branches of a registry, for the branch pickers: a project's own registry (with its stored
 * credentials; needs `app.refresh` on the project), or one being typed into the create form (with the
 * form's credentials; needs `project.create` in the organization). Read with `git ls-remote --heads`.
 */
export const ListRegistryBranches = defineRequest({
  method: 'projects/branches',
  kind: 'query',
  doc: 'Lists the branches of a project\u2019s registry, or of a registry URL about to be used (git ls-remote).',
  params: z.union([
    z.object({ projectId: IdSchema.describe('The project\u2019s id.') }),
    z.object({
      organizationId: IdSchema.optional().describe(
        "The organization the project would be created in; defaults to the caller's only one.",
      ),
      registryUrl: RegistryUrlSchema.describe(
        'A Git repository URL the agent may fetch: `https://`, `ssh://`, scp-like `user@host:path`, or `file://` (local repositories, for tests and demos). Nothing that git could read as an option or a local helper.',
      ),
      credentials: RegistryCredentialsSchema.default({ kind: 'none' }).describe(
        'Used for this one read and never kept.',
      ),
    }),
  ]),
  result: z.object({
    branches: z.array(z.string()).describe('Branch names, sorted.'),
  }),
});
