import type { RegistryCredentials } from '../../store/projects';

/**
 * Git operations the agent needs, on bare mirrors it owns. Every user-supplied value (URL, branch) is
 * checked before git sees it and passed after `--`, so none can become a git option; credentials travel
 * in the child's environment or a 0600 file, never in argv or logs.
 */
export interface GitAdapter {
  /** Throws `GIT_BAD_REF` unless `git check-ref-format --branch` accepts the name. */
  checkBranchName(branch: string): Promise<void>;
  /**
   * Creates the bare mirror if needed and fetches every branch of `url` into it (`--prune`). Throws
   * `GIT_UNREACHABLE` when the repository cannot be read, `GIT_AUTH` when it refuses the credentials.
   * Resolves with git's output, for job logs.
   */
  syncMirror(
    mirrorDir: string,
    url: string,
    credentials: RegistryCredentials,
    signal?: AbortSignal,
  ): Promise<string>;
  /**
   * The commit a branch of the mirror points to; `GIT_REF_NOT_FOUND` when there is no such branch. The name
   * must have passed {@link checkBranchName}.
   */
  resolveBranch(mirrorDir: string, branch: string): Promise<string>;
  /** Checks `commit` out of the mirror into the new directory `dir` (a detached worktree). */
  checkout(mirrorDir: string, commit: string, dir: string, signal?: AbortSignal): Promise<void>;
  /**
   * The branch names of `url` (`git ls-remote --heads`), sorted, without fetching anything. Throws
   * `GIT_UNREACHABLE` when the repository cannot be read.
   */
  listBranches(url: string, credentials: RegistryCredentials, signal?: AbortSignal): Promise<string[]>;
  /** Removes a checkout made by {@link checkout}; a missing one is not an error. */
  removeCheckout(mirrorDir: string, dir: string): Promise<void>;
}
