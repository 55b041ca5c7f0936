import { posix, relative } from 'node:path';
import { simpleGit } from 'simple-git';

/** A module folder as Git sees it: the repository's root and the folder's path inside it. */
export interface ModuleInRepo {
  root: string;
  /** The module folder relative to `root`, with `/` separators (`addons/sale_x`). */
  path: string;
}

/** The repository holding `dir` and the folder's path in it; `undefined` outside a Git work tree. */
export async function locateModule(dir: string): Promise<ModuleInRepo | undefined> {
  const git = simpleGit(dir);
  if (!(await git.checkIsRepo())) return undefined;
  const root = (await git.revparse(['--show-toplevel'])).trim();
  return { root, path: relative(root, dir).split(/[\\/]/).join(posix.sep) };
}

/** Whether the repository has `commit` (a deployed commit someone else pushed may not be fetched yet). */
export async function hasCommit(root: string, commit: string): Promise<boolean> {
  try {
    await simpleGit(root).raw(['cat-file', '-e', `${commit}^{commit}`]);
    return true;
  } catch {
    return false;
  }
}

/** A file's text at `commit`; `undefined` when it did not exist there. */
export async function fileAt(root: string, commit: string, path: string): Promise<string | undefined> {
  try {
    return await simpleGit(root).show([`${commit}:${path}`]);
  } catch {
    return undefined;
  }
}

/**
 * Files of the module that differ from `commit` in the work tree (committed since, staged, unstaged or
 * new and not ignored), relative to the repository's root.
 */
export async function changedSince(module: ModuleInRepo, commit: string): Promise<string[]> {
  const git = simpleGit(module.root);
  const [tracked, untracked] = await Promise.all([
    git.raw(['diff', '--name-only', commit, '--', module.path]),
    git.raw(['ls-files', '--others', '--exclude-standard', '--', module.path]),
  ]);
  return [...tracked.split('\n'), ...untracked.split('\n')].filter(Boolean);
}
