import { z } from 'zod';
import { IdSchema } from './common';
import { defineRequest } from './define';
import { BranchNameSchema } from './git';

/**
 * The Odoo developer loop beyond a host: rehearsing an update on a throwaway copy of the app's database,
 * and comparing what the database has installed with what the branch's manifests declare.
 */

export const DryRunUpdate = defineRequest({
  method: 'apps/dryRunUpdate',
  kind: 'mutation',
  doc:
    'Rehearses the app\u2019s update as a job of kind `dryRun`: the branch (or `ref`) is fetched and validated as ' +
    'an update validates it, the app\u2019s database is copied live and neutralized, and Odoo runs the `-i`/`-u` ' +
    'the update would run (modules whose manifest version differs from the running revision\u2019s) on the copy. ' +
    'The job\u2019s `moduleUpdate` step says which modules would install or update; a failure is the job\u2019s ' +
    'error, cause first. The copy, its filestore and the checkout are always thrown away: nothing of the ' +
    'app changes. Queues behind the app\u2019s other deploys and updates; authorised like `apps/update`.',
  params: z.object({
    appId: IdSchema.describe('The app whose update is rehearsed (its database is the one copied).'),
    ref: BranchNameSchema.optional().describe(
      'The branch to rehearse; the app\u2019s own branch when absent.',
    ),
  }),
  result: z.object({
    jobId: IdSchema.describe('The `dryRun` job; follow it with `jobs/get` and `jobs/didProgress`.'),
  }),
});

/** How a module of the database stands against the branch's manifest at the deployed commit. */
export const ModuleDriftKindSchema = z.enum(['new', 'removed', 'behind', 'notInstalled', 'current']);
export type ModuleDriftKind = z.infer<typeof ModuleDriftKindSchema>;

export const ModuleDriftSchema = z.object({
  name: z.string().describe('The module\u2019s technical name (its folder).'),
  drift: ModuleDriftKindSchema.describe(
    '`new`: in the branch, never known to the database; `removed`: installed, no longer in the branch; ' +
      '`behind`: installed at another version than the manifest\u2019s; `notInstalled`: known to the ' +
      'database but not installed (uninstalled, or waiting to be installed); `current`: installed at the ' +
      'manifest\u2019s version.',
  ),
  state: z
    .string()
    .nullable()
    .describe(
      '`ir_module_module.state` (`installed`, `uninstalled`, `to upgrade`, ...); `null` when absent.',
    ),
  installedVersion: z
    .string()
    .nullable()
    .describe('`ir_module_module.latest_version`: the version last installed; `null` when none.'),
  branchVersion: z
    .string()
    .nullable()
    .describe(
      'The manifest\u2019s version adapted to the series (`17.0.1.0`); `null` when not in the branch.',
    ),
});
export type ModuleDrift = z.infer<typeof ModuleDriftSchema>;

export const GetModuleDrift = defineRequest({
  method: 'apps/moduleDrift',
  kind: 'query',
  doc:
    'Compares the modules of the app\u2019s database (`ir_module_module`) with the manifests of its branch at ' +
    'the deployed commit. Modules of the image (Odoo\u2019s own addons) that are not in the branch are ' +
    'left out; a branch module counts whatever its state.',
  params: z.object({ appId: IdSchema.describe('The app.') }),
  result: z.object({
    commitSha: z.string().describe('The deployed commit the manifests were read at.'),
    modules: z
      .array(ModuleDriftSchema)
      .describe('Every module of the branch and every installed module missing from it, by name.'),
  }),
});
