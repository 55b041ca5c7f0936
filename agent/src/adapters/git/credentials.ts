import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RegistryCredentials } from '../../store/projects';

/** What one git invocation needs to authenticate, and how to clean up after it. */
export interface GitAuth {
  /** Variables added to the child's environment (never to argv, where `ps` would show them). */
  readonly env: Record<string, string>;
  /** The guarded variables simple-git must let through for this invocation. */
  readonly allowEnvironment: string[];
  /** simple-git's `unsafe` switches this invocation needs; everything else stays blocked. */
  readonly unsafe: { allowUnsafeSshCommand?: boolean; allowUnsafeConfigEnvCount?: boolean };
  dispose(): Promise<void>;
}

/** Quotes a path for the shell git runs GIT_SSH_COMMAND with. Paths are the agent's own; refuse surprises. */
function shellQuotePath(path: string): string {
  if (/['\n\r]/.test(path)) throw new Error(`unusable path for ssh: ${path}`);
  return `'${path}'`;
}

const NO_PROMPTS = { GIT_TERMINAL_PROMPT: '0' };

/**
 * Turns stored registry credentials into environment for git:
 * - a token becomes an `Authorization: Basic` header through `GIT_CONFIG_COUNT`/`KEY`/`VALUE` (git ≥ 2.31),
 *   equivalent to `-c http.extraHeader=...` without putting the secret in argv;
 * - a deploy key is written to a 0600 file in a fresh 0700 directory and used through `GIT_SSH_COMMAND`
 *   with `IdentitiesOnly` and `StrictHostKeyChecking=accept-new` (trust on first use, then pinned in the
 *   agent's own known_hosts); the file is removed by `dispose()`.
 */
export async function prepareGitAuth(
  credentials: RegistryCredentials,
  scratchDir: string,
  knownHostsFile: string,
): Promise<GitAuth> {
  if (credentials.kind === 'token') {
    const basic = Buffer.from(`${credentials.username}:${credentials.token}`).toString('base64');
    const env = {
      ...NO_PROMPTS,
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'http.extraHeader',
      GIT_CONFIG_VALUE_0: `Authorization: Basic ${basic}`,
    };
    return {
      env,
      allowEnvironment: Object.keys(env),
      unsafe: { allowUnsafeConfigEnvCount: true },
      dispose: () => Promise.resolve(),
    };
  }
  if (credentials.kind === 'deployKey') {
    const dir = await mkdtemp(join(scratchDir, 'ssh-'));
    const keyFile = join(dir, 'key');
    const key = credentials.privateKey.endsWith('\n')
      ? credentials.privateKey
      : `${credentials.privateKey}\n`;
    await writeFile(keyFile, key, { mode: 0o600 });
    const command = [
      'ssh',
      `-i ${shellQuotePath(keyFile)}`,
      '-o IdentitiesOnly=yes',
      '-o StrictHostKeyChecking=accept-new',
      `-o UserKnownHostsFile=${shellQuotePath(knownHostsFile)}`,
      '-o BatchMode=yes',
    ].join(' ');
    const env = { ...NO_PROMPTS, GIT_SSH_COMMAND: command };
    return {
      env,
      allowEnvironment: Object.keys(env),
      unsafe: { allowUnsafeSshCommand: true },
      dispose: () => rm(dir, { recursive: true, force: true }),
    };
  }
  return {
    env: NO_PROMPTS,
    allowEnvironment: Object.keys(NO_PROMPTS),
    unsafe: {},
    dispose: () => Promise.resolve(),
  };
}
