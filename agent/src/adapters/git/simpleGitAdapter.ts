import { mkdir, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { GitPluginError, simpleGit, type SimpleGit } from 'simple-git';
import type { RegistryCredentials } from '../../store/projects';
import { AdapterError, type AdapterErrorCode } from '../errors';
import { prepareGitAuth, type GitAuth } from './credentials';
import type { GitAdapter } from './git';

/** A git process that prints nothing for this long is killed (a hung remote, a prompt nobody answers). */
const SILENCE_TIMEOUT_MS = 5 * 60_000;

/** Removes `user:password@` from URLs in git's messages, in case a registry URL carried them. */
function redactUrls(text: string): string {
  return text.replace(/(\/\/)[^/@\s]+@/g, '$1***@');
}

function lastLines(text: string, count = 5): string {
  return redactUrls(text.trim().split('\n').slice(-count).join('\n'));
}

/** What git and ssh print when the remote refuses the credentials (ssh key, https token) or needs some. */
const AUTH_REFUSED =
  /Permission denied \(publickey|Authentication failed|could not read Username|Access denied|returned error: 40[13]/;

function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** The git adapter on simple-git, with its guards against unsafe options and environment kept on. */
export class SimpleGitAdapter implements GitAdapter {
  constructor(
    /** Where deploy keys are written for the length of one fetch. */
    private readonly scratchDir: string,
    private readonly knownHostsFile: string,
    /** Certificate authorities git trusts for https registries; the system's when undefined. */
    private readonly caFile?: string,
  ) {}

  private git(baseDir: string, auth?: GitAuth, signal?: AbortSignal): SimpleGit {
    const ca = this.caFile ? { GIT_SSL_CAINFO: this.caFile } : {};
    const git = simpleGit({
      baseDir,
      abort: signal,
      timeout: { block: SILENCE_TIMEOUT_MS },
      allowEnvironment: [...(auth?.allowEnvironment ?? []), ...Object.keys(ca)],
      unsafe: auth?.unsafe ?? {},
    });
    // A minimal environment: nothing from the agent's own environment leaks into git or its helpers.
    return git.env({
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? '/root',
      LC_ALL: 'C',
      ...ca,
      ...auth?.env,
    });
  }

  private fail(code: AdapterErrorCode, what: string, error: unknown): AdapterError {
    if (error instanceof GitPluginError && error.plugin === 'abort') {
      return new AdapterError('ABORTED', `${what}: canceled`, { cause: error });
    }
    const detail = error instanceof Error ? lastLines(error.message) : String(error);
    return new AdapterError(code, `${what}: ${detail}`, { cause: error });
  }

  async checkBranchName(branch: string): Promise<void> {
    if (branch.startsWith('-') || branch.length === 0) {
      throw new AdapterError('GIT_BAD_REF', `"${branch}" is not a valid branch name`);
    }
    try {
      await this.git(process.cwd()).raw(['check-ref-format', '--branch', branch]);
    } catch (error) {
      throw new AdapterError('GIT_BAD_REF', `"${branch}" is not a valid branch name`, { cause: error });
    }
  }

  async syncMirror(
    mirrorDir: string,
    url: string,
    credentials: RegistryCredentials,
    signal?: AbortSignal,
  ): Promise<string> {
    if (url.startsWith('-')) throw new AdapterError('GIT_UNREACHABLE', 'refusing a URL that starts with "-"');
    const created = !(await exists(join(mirrorDir, 'HEAD')));
    if (created) {
      await mkdir(dirname(mirrorDir), { recursive: true });
      await this.git(dirname(mirrorDir)).raw(['init', '--bare', '--quiet', '--', mirrorDir]);
    }
    const auth = await prepareGitAuth(credentials, this.scratchDir, this.knownHostsFile);
    try {
      // The URL is given on each fetch (no stored remote), so a changed registry URL needs nothing else.
      const output = await this.git(mirrorDir, auth, signal).raw([
        'fetch',
        '--prune',
        '--no-tags',
        '--quiet',
        '--',
        url,
        '+refs/heads/*:refs/heads/*',
      ]);
      return redactUrls(output);
    } catch (error) {
      // A mirror that never fetched anything is not left behind.
      if (created) await rm(mirrorDir, { recursive: true, force: true });
      const refused = error instanceof Error && AUTH_REFUSED.test(error.message);
      if (refused) throw this.fail('GIT_AUTH', 'the repository refused the credentials', error);
      throw this.fail('GIT_UNREACHABLE', 'cannot fetch the repository', error);
    } finally {
      await auth.dispose();
    }
  }

  async resolveBranch(mirrorDir: string, branch: string): Promise<string> {
    // Callers check the name first (checkBranchName); the ref is read literally after --end-of-options.
    if (branch.startsWith('-'))
      throw new AdapterError('GIT_BAD_REF', `"${branch}" is not a valid branch name`);
    try {
      const sha = await this.git(mirrorDir).raw([
        'rev-parse',
        '--verify',
        '--quiet',
        '--end-of-options',
        `refs/heads/${branch}^{commit}`,
      ]);
      if (/^[0-9a-f]{40,64}$/.test(sha.trim())) return sha.trim();
    } catch {
      // --verify --quiet exits 1 without output when the branch does not exist.
    }
    throw new AdapterError('GIT_REF_NOT_FOUND', `the repository has no branch "${branch}"`);
  }

  async listBranches(url: string, credentials: RegistryCredentials, signal?: AbortSignal): Promise<string[]> {
    if (url.startsWith('-')) throw new AdapterError('GIT_UNREACHABLE', 'refusing a URL that starts with "-"');
    const auth = await prepareGitAuth(credentials, this.scratchDir, this.knownHostsFile);
    try {
      const output = await this.git(this.scratchDir, auth, signal).raw(['ls-remote', '--heads', '--', url]);
      const prefix = 'refs/heads/';
      return output
        .split('\n')
        .map((line) => line.split('\t')[1]?.trim() ?? '')
        .filter((ref) => ref.startsWith(prefix))
        .map((ref) => ref.slice(prefix.length))
        .sort();
    } catch (error) {
      throw this.fail('GIT_UNREACHABLE', 'cannot read the repository', error);
    } finally {
      await auth.dispose();
    }
  }

  async checkout(mirrorDir: string, commit: string, dir: string, signal?: AbortSignal): Promise<void> {
    if (!/^[0-9a-f]{40,64}$/.test(commit)) throw new AdapterError('GIT_FAILED', `not a commit id: ${commit}`);
    await mkdir(dirname(dir), { recursive: true });
    try {
      await this.git(mirrorDir, undefined, signal).raw([
        'worktree',
        'add',
        '--detach',
        '--quiet',
        dir,
        commit,
      ]);
    } catch (error) {
      throw this.fail('GIT_FAILED', `cannot check out ${commit.slice(0, 12)}`, error);
    }
  }

  async removeCheckout(mirrorDir: string, dir: string): Promise<void> {
    if (await exists(join(mirrorDir, 'HEAD'))) {
      await this.git(mirrorDir)
        .raw(['worktree', 'remove', '--force', '--force', dir])
        .catch(() => undefined);
    }
    await rm(dir, { recursive: true, force: true });
    if (await exists(join(mirrorDir, 'HEAD'))) await this.git(mirrorDir).raw(['worktree', 'prune']);
  }
}
