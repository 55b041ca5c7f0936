import type { Run } from './run';
import { step } from './run';

/**
 * Fetch: the project mirror (and the environment's shared-addon mirrors) are brought up to date and the
 * branch's commit is checked out for the new revision. Resolves `false` when an update finds no new commit.
 */
export async function fetchStep(run: Run): Promise<boolean> {
  const { deps, app, project, signal } = run;
  let proceed = true;
  await step(run, 'fetch', async () => {
    const branch = run.job.options.ref ?? app.branch;
    const { commit, output } = await deps.mirrors.fetchBranch(project, branch, signal);
    run.tracker.log('fetch', output || `fetched ${project.registry.url}`);
    if (run.job.kind === 'update' && commit === app.commitSha && app.containerName) {
      proceed = false;
      return `${branch} is still at ${commit.slice(0, 12)}: nothing to update`;
    }
    run.commit = commit;
    run.tracker.update({ commitSha: commit });
    const revisionDir = deps.layout.revision(app.id, run.job.revision);
    // A leftover of an earlier attempt at the same revision would make the checkout fail.
    if (await deps.files.exists(revisionDir)) {
      await deps.mirrors.removeCheckout(project.code, deps.layout.source(app.id, run.job.revision));
      await deps.files.remove(revisionDir);
    }
    await deps.mirrors.checkout(project.code, commit, deps.layout.source(app.id, run.job.revision), signal);
    for (const [index, shared] of run.environment.sharedAddons.entries()) {
      const mirror = await deps.mirrors.fetchShared(shared.url, shared.branch, signal);
      const dir = deps.layout.shared(app.id, run.job.revision, index);
      await deps.mirrors.checkoutShared(mirror.dir, mirror.commit, dir, signal);
      run.tracker.log(
        'fetch',
        `shared addons ${index}: ${shared.url} ${shared.branch} at ${mirror.commit.slice(0, 12)}`,
      );
    }
    return `${branch} at ${commit.slice(0, 12)}`;
  });
  return proceed;
}
