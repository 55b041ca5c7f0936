import { createHash } from 'node:crypto';
import { Mutex } from 'async-mutex';
import type { Project } from '@paas/protocol';
import type { GitAdapter } from '../../adapters/git/git';
import type { RegistryCredentials } from '../../store/projects';
import type { Layout } from './layout';

/** A branch picker waits this long at most for a remote. */
const LIST_BRANCHES_TIMEOUT_MS = 30_000;

/**
 * The agent's bare mirrors: one per project registry, one per shared-addon URL. Git locks refs while it
 * fetches, so operations on one mirror are serialised here instead of failing on a held lock.
 */
export class Mirrors {
  private readonly locks = new Map<string, Mutex>();

  constructor(
    private readonly git: GitAdapter,
    private readonly layout: Layout,
    private readonly credentialsOf: (projectId: string) => RegistryCredentials,
  ) {}

  private lock(dir: string): Mutex {
    let mutex = this.locks.get(dir);
    if (!mutex) {
      mutex = new Mutex();
      this.locks.set(dir, mutex);
    }
    return mutex;
  }

  /** Fetches the project's registry; resolves the commit `branch` points to and git's output. */
  fetchBranch(
    project: Project,
    branch: string,
    signal?: AbortSignal,
  ): Promise<{ commit: string; output: string }> {
    const dir = this.layout.mirror(project.code);
    return this.lock(dir).runExclusive(async () => {
      await this.git.checkBranchName(branch);
      const output = await this.git.syncMirror(
        dir,
        project.registry.url,
        this.credentialsOf(project.id),
        signal,
      );
      return { commit: await this.git.resolveBranch(dir, branch), output };
    });
  }

  /** Fetches a shared-addon repository (public, or on the same terms as git's own configuration). */
  fetchShared(url: string, branch: string, signal?: AbortSignal): Promise<{ commit: string; dir: string }> {
    const dir = this.layout.sharedMirror(createHash('sha256').update(url).digest('hex').slice(0, 16));
    return this.lock(dir).runExclusive(async () => {
      await this.git.checkBranchName(branch);
      await this.git.syncMirror(dir, url, { kind: 'none' }, signal);
      return { commit: await this.git.resolveBranch(dir, branch), dir };
    });
  }

  /**
   * The branches of a project's registry with its stored credentials, or of a URL with the given ones
   * (the create form). Reads the remote directly: nothing is fetched nor kept.
   */
  listBranches(
    source: { project: Project } | { url: string; credentials: RegistryCredentials },
  ): Promise<string[]> {
    const signal = AbortSignal.timeout(LIST_BRANCHES_TIMEOUT_MS);
    if ('project' in source)
      return this.git.listBranches(
        source.project.registry.url,
        this.credentialsOf(source.project.id),
        signal,
      );
    return this.git.listBranches(source.url, source.credentials, signal);
  }

  /** Checks a commit of the project's mirror out into `dir`. */
  checkout(projectCode: string, commit: string, dir: string, signal?: AbortSignal): Promise<void> {
    const mirror = this.layout.mirror(projectCode);
    return this.lock(mirror).runExclusive(() => this.git.checkout(mirror, commit, dir, signal));
  }

  checkoutShared(mirrorDir: string, commit: string, dir: string, signal?: AbortSignal): Promise<void> {
    return this.lock(mirrorDir).runExclusive(() => this.git.checkout(mirrorDir, commit, dir, signal));
  }

  /** Removes a checkout of the project's mirror. */
  removeCheckout(projectCode: string, dir: string): Promise<void> {
    const mirror = this.layout.mirror(projectCode);
    return this.lock(mirror).runExclusive(() => this.git.removeCheckout(mirror, dir));
  }

  /** Deletes a project's mirror (project deletion). */
  async removeMirror(projectCode: string, remove: (path: string) => Promise<void>): Promise<void> {
    const mirror = this.layout.mirror(projectCode);
    await this.lock(mirror).runExclusive(() => remove(mirror));
    this.locks.delete(mirror);
  }
}
