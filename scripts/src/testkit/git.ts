import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { run } from './exec';
import { makeTempDir, writeFiles } from './tempdir';

export interface AddonSpec {
  /** Manifest version, e.g. '1.0.0' (Odoo prefixes the series). Default '1.0.0'. */
  readonly version?: string;
  readonly depends?: readonly string[];
  /** Extra files inside the addon folder (relative path -> content). */
  readonly files?: Readonly<Record<string, string>>;
}

export interface TempRepoOptions {
  /** Addon folders at the repository root, as Odoo projects lay them out. */
  readonly addons?: Readonly<Record<string, AddonSpec>>;
  /** Branches to create from the first commit, besides `main`. */
  readonly branches?: readonly string[];
}

export interface TempRepo {
  /** file:// URL of the bare "remote" repository: what the agent clones. */
  readonly url: string;
  readonly bareDir: string;
  /** Working clone that commit() and createBranch() use. */
  readonly workDir: string;
  /** Commit SHA a branch of the remote points to. */
  head(branch?: string): Promise<string>;
  /**
   * Writes files (null deletes one) on a branch, commits and pushes it;
   * resolves the new commit SHA.
   */
  commit(files: Readonly<Record<string, string | null>>, message: string, branch?: string): Promise<string>;
  /** Creates a branch from another (default main) and pushes it; resolves its SHA. */
  createBranch(name: string, from?: string): Promise<string>;
}

/** The manifest Odoo reads: a Python dict literal. */
export function manifestText(name: string, spec: AddonSpec): string {
  const depends = (spec.depends ?? ['base']).map((d) => `'${d}'`).join(', ');
  return (
    `{\n    'name': '${name}',\n    'version': '${spec.version ?? '1.0.0'}',\n` +
    `    'depends': [${depends}],\n    'installable': True,\n    'license': 'LGPL-3',\n}\n`
  );
}

export function addonFiles(addons: Readonly<Record<string, AddonSpec>>): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [name, spec] of Object.entries(addons)) {
    files[`${name}/__manifest__.py`] = manifestText(name, spec);
    files[`${name}/__init__.py`] = '';
    for (const [file, content] of Object.entries(spec.files ?? {})) files[`${name}/${file}`] = content;
  }
  return files;
}

// Identity and defaults on the command line, so the machine's git config
// (or the lack of one on CI) never matters.
const GIT_CONFIG = [
  '-c',
  'user.name=PaaS.sh tests',
  '-c',
  'user.email=tests@paas.invalid',
  '-c',
  'init.defaultBranch=main',
  '-c',
  'commit.gpgsign=false',
];

function git(cwd: string, ...args: string[]): Promise<string> {
  return run('git', [...GIT_CONFIG, ...args], { cwd }).then((r) => r.stdout.trim());
}

/** A real git repository pair (bare remote + working clone) removed at cleanup. */
export async function createTempRepo(options: TempRepoOptions = {}): Promise<TempRepo> {
  const root = await makeTempDir('repo');
  const bareDir = path.join(root, 'remote.git');
  const workDir = path.join(root, 'work');
  await git(root, 'init', '--bare', '--quiet', bareDir);
  await git(root, 'init', '--quiet', '-b', 'main', workDir);
  await git(workDir, 'remote', 'add', 'origin', bareDir);
  await writeFiles(workDir, { 'README.md': '# test project\n', ...addonFiles(options.addons ?? {}) });
  await git(workDir, 'add', '--all');
  await git(workDir, 'commit', '--quiet', '-m', 'Initial commit');
  await git(workDir, 'push', '--quiet', 'origin', 'main');
  await git(bareDir, 'symbolic-ref', 'HEAD', 'refs/heads/main');

  const head = (branch = 'main'): Promise<string> => git(bareDir, 'rev-parse', `refs/heads/${branch}`);
  const createBranch = async (name: string, from = 'main'): Promise<string> => {
    await git(workDir, 'branch', name, `origin/${from}`);
    await git(workDir, 'push', '--quiet', 'origin', name);
    return head(name);
  };
  const commit = async (files: Readonly<Record<string, string | null>>, message: string, branch = 'main') => {
    await git(workDir, 'checkout', '--quiet', branch);
    for (const [relative, content] of Object.entries(files)) {
      const file = path.join(workDir, relative);
      if (content === null) {
        await fs.rm(file, { force: true });
      } else {
        await fs.mkdir(path.dirname(file), { recursive: true });
        await fs.writeFile(file, content);
      }
    }
    await git(workDir, 'add', '--all');
    await git(workDir, 'commit', '--quiet', '--allow-empty', '-m', message);
    await git(workDir, 'push', '--quiet', 'origin', branch);
    return head(branch);
  };

  for (const branch of options.branches ?? []) await createBranch(branch);
  return { url: pathToFileURL(bareDir).href, bareDir, workDir, head, commit, createBranch };
}
