import type { FoundModule } from '../../../adapters/files/appFiles';
import { JobFailure } from '../../adapterErrors';
import { oneShotLabels } from '../containerSpec';
import { imageAddonManifests } from '../imageAddons';
import { describeProblem, resolveModules, type ModuleSource } from '../manifest/resolveModules';
import { assertQueueJobAvailable, QUEUE_JOB, runsQueueJob } from './queueJob';
import type { Run } from './run';
import { step } from './run';

function sources(
  found: readonly FoundModule[],
  excluded: ReadonlySet<string>,
  prefix: string,
): ModuleSource[] {
  return found
    .filter((m) => !excluded.has(m.name))
    .map((m) => ({
      name: m.name,
      file: `${prefix}${m.root === '' ? '' : `${m.root}/`}${m.name}/__manifest__.py`,
      manifest: m.manifest,
      hasInit: m.hasInit,
    }));
}

/** The checkout's modules (then each shared addons checkout's), in the order they go into addons_path. */
async function checkoutSources(run: Run): Promise<ModuleSource[]> {
  const { deps, app } = run;
  const excluded = new Set(run.project.configuration.excludedAddons);
  const own = await deps.files.scanModules(deps.layout.source(app.id, run.job.revision));
  const all = sources(own, excluded, '');
  for (const [index, shared] of run.environment.sharedAddons.entries()) {
    const found = await deps.files.scanModules(deps.layout.shared(app.id, run.job.revision, index));
    all.push(...sources(found, excluded, `${shared.url} (${shared.branch}): `));
  }
  return all;
}

/**
 * Validate: before anything changes, every manifest of the new checkout is read as Odoo reads it and every
 * module's dependencies are resolved against the addons paths and the image's own addons (read from the
 * image). Anything Odoo would fail on, or skip silently, fails the job here with the file and line.
 */
export async function validateStep(run: Run): Promise<void> {
  const { deps, app } = run;
  await step(run, 'validate', async () => {
    await deps.docker.ensureImage(run.image, run.signal);
    const image = await imageAddonManifests(deps.docker, run.image, oneShotLabels(deps.serverId, app));
    const branch = await checkoutSources(run);
    const install = run.environment.automation.autoInstall ? branch.map((m) => m.name) : [];
    if (runsQueueJob(run)) install.push(QUEUE_JOB);
    const { modules, problems } = resolveModules({ sources: branch, image, serie: app.odooVersion, install });
    if (problems.length > 0) {
      const lines = problems.map(describeProblem);
      run.tracker.log('validate', lines.join('\n'));
      throw new JobFailure('ADDONS_INVALID', lines.join('\n'));
    }
    assertQueueJobAvailable(run, modules);
    run.resolved = modules;
    return `${branch.length} module(s) of the branch, ${image.size} of the image: manifests and dependencies resolve`;
  });
}
