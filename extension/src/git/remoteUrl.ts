/** A remote of the workspace repository, as `git remote -v` lists it. */
export interface GitRemote {
  name: string;
  url: string;
}

const SCP_LIKE = /^(?:[^@/\s]+@)?([^:/\s]+):(?!\/\/)(.+)$/;

function trimRepoPath(path: string): string {
  return path
    .replace(/\/+$/, '')
    .replace(/\/\.git$/, '')
    .replace(/\.git$/, '')
    .replace(/\/+$/, '');
}

/**
 * A canonical form of a Git URL, so the same repository reached over HTTPS, SSH, scp-like syntax or with
 * or without `.git` compares equal: `host/path` in lower case for network URLs (user, password and port
 * dropped: they say how to reach the repository, not which one it is), `file:<absolute path>` for local
 * ones (case kept: file systems may be case-sensitive). `undefined` when it is not a Git URL.
 */
export function canonicalRemote(url: string): string | undefined {
  const text = url.trim();
  // Spaces never occur in a Git URL, and `transport::address` is a remote helper, not a location.
  if (text === '' || /\s/.test(text) || text.includes('::')) return undefined;
  if (text.startsWith('/')) return `file:${trimRepoPath(text)}`;
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text)?.[1]?.toLowerCase();
  if (scheme === 'file')
    return `file:${trimRepoPath(decodeURIComponent(text.replace(/^file:\/\/(localhost)?/i, '')))}`;
  if (scheme) {
    let parsed: URL;
    try {
      parsed = new URL(text);
    } catch {
      return undefined;
    }
    if (!['https', 'http', 'ssh', 'git', 'git+ssh', 'ssh+git'].includes(scheme)) return undefined;
    const path = trimRepoPath(decodeURIComponent(parsed.pathname)).replace(/^\/+/, '');
    return path ? `${parsed.hostname.toLowerCase()}/${path.toLowerCase()}` : undefined;
  }
  const scp = SCP_LIKE.exec(text);
  if (!scp) return undefined;
  const path = trimRepoPath(scp[2]!).replace(/^\/+/, '').replace(/^~\/?/, '');
  return path ? `${scp[1]!.toLowerCase()}/${path.toLowerCase()}` : undefined;
}

/**
 * The first item whose registry is one of the remotes, trying `origin` first, then `upstream`, then the
 * rest in order (the remote a branch is pushed to is usually `origin`).
 */
export function matchByRemote<T>(
  items: readonly T[],
  registryOf: (item: T) => string,
  remotes: readonly GitRemote[],
): { item: T; remote: GitRemote } | undefined {
  const rank = (name: string): number => (name === 'origin' ? 0 : name === 'upstream' ? 1 : 2);
  const ordered = [...remotes].sort((a, b) => rank(a.name) - rank(b.name));
  for (const remote of ordered) {
    const canonical = canonicalRemote(remote.url);
    if (canonical === undefined) continue;
    const item = items.find((candidate) => canonicalRemote(registryOf(candidate)) === canonical);
    if (item !== undefined) return { item, remote };
  }
  return undefined;
}
