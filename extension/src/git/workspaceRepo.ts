import { simpleGit, type SimpleGit } from 'simple-git';
import type { GitRemote } from './remoteUrl';

/** What Deploy Current Branch needs to know about the workspace repository. */
export interface RepositoryState {
  root: string;
  branch: string;
  head: string;
  remotes: GitRemote[];
  /** Uncommitted changes (staged, unstaged or untracked files). */
  dirty: boolean;
  /** Remote branches (`origin/x`) that contain HEAD; empty when HEAD was never pushed. */
  remoteBranchesWithHead: string[];
}

/** The checked-out branch and the remotes (cheap: for the status bar); `undefined` outside a repository. */
export async function currentBranch(
  dir: string,
): Promise<{ branch: string; remotes: GitRemote[] } | undefined> {
  const git = simpleGit(dir);
  if (!(await git.checkIsRepo())) return undefined;
  const [branch, remotes] = await Promise.all([git.revparse(['--abbrev-ref', 'HEAD']), git.getRemotes(true)]);
  return {
    branch: branch.trim(),
    remotes: remotes.map((remote) => ({ name: remote.name, url: remote.refs.fetch || remote.refs.push })),
  };
}

/** The repository's state, or `undefined` when `dir` is not inside a Git work tree. */
export async function readRepository(dir: string): Promise<RepositoryState | undefined> {
  const git = simpleGit(dir);
  if (!(await git.checkIsRepo())) return undefined;
  const root = (await git.revparse(['--show-toplevel'])).trim();
  const branch = (await git.revparse(['--abbrev-ref', 'HEAD'])).trim();
  if (branch === 'HEAD') throw new Error('HEAD is detached: check out a branch to deploy it');
  const [head, remotes, status, containing] = await Promise.all([
    git.revparse(['HEAD']),
    git.getRemotes(true),
    git.status(),
    git.raw(['branch', '-r', '--contains', 'HEAD']),
  ]);
  return {
    root,
    branch,
    head: head.trim(),
    remotes: remotes.map((remote) => ({ name: remote.name, url: remote.refs.fetch || remote.refs.push })),
    dirty: !status.isClean(),
    remoteBranchesWithHead: containing
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.includes(' -> ')),
  };
}

/** Pushes the branch to `remote`, setting it as upstream. */
export async function pushBranch(root: string, remote: string, branch: string): Promise<void> {
  const git: SimpleGit = simpleGit(root);
  await git.push(remote, branch, ['--set-upstream']);
}
