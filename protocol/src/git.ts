import { z } from 'zod';

/** The user-info part of a `scheme://user-info@host/...` URL. */
const URL_USER_INFO = /^([a-z][a-z0-9+.-]*):\/\/([^@/?#]*)@/i;

/**
 * Whether a repository URL carries a secret: a password (`user:password@`), or any user name on
 * `https://`, where hosts accept a token in its place (`https://<token>@github.com/...`). An `ssh://git@`
 * user name is not one.
 */
export function hasUrlCredentials(url: string): boolean {
  const match = URL_USER_INFO.exec(url);
  if (!match) return false;
  return match[2]!.includes(':') || match[1]!.toLowerCase() === 'https';
}

/** The URL with its user-info removed when {@link hasUrlCredentials}; unchanged otherwise. */
export function withoutUrlCredentials(url: string): string {
  return hasUrlCredentials(url) ? url.replace(URL_USER_INFO, '$1://') : url;
}

/** The user name and password of a URL's user-info (`https://user:pw@host`), when it has both. */
export function urlCredentials(url: string): { username: string; password: string } | undefined {
  const userInfo = URL_USER_INFO.exec(url)?.[2];
  const colon = userInfo?.indexOf(':') ?? -1;
  if (userInfo === undefined || colon < 0) return undefined;
  const decode = (part: string) => {
    try {
      return decodeURIComponent(part);
    } catch {
      return part;
    }
  };
  return { username: decode(userInfo.slice(0, colon)), password: decode(userInfo.slice(colon + 1)) };
}

/**
 * A Git repository URL the agent may fetch: `https://`, `ssh://`, scp-like `user@host:path`, or `file://`
 * (local repositories, for tests and demos). Nothing that git could read as an option or a local helper.
 */
export const RegistryUrlSchema = z
  .string()
  .max(500)
  .regex(/^[^\s\p{Cc}]+$/u, 'must not contain spaces or control characters')
  .refine((url) => !url.startsWith('-'), 'must not start with "-"')
  .refine(
    (url) =>
      /^(https:\/\/|ssh:\/\/|file:\/\/\/)/.test(url) || /^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:[^/]/.test(url),
    'must be an https://, ssh://, user@host:path or file:/// repository URL',
  )
  .refine((url) => !/^[a-z]+::/i.test(url) && !url.includes('ext::'), 'git remote helpers are not allowed')
  // A secret in the URL would be stored in clear, shown to every reader of the project and logged.
  .refine(
    (url) => !hasUrlCredentials(url),
    'must not contain a user name or password: give them in the `credentials` field ({kind: "token", username, token}) or use an SSH deploy key',
  );

/**
 * A Git branch name as `git check-ref-format --branch` accepts it, minus anything git could read as an
 * option. Checked again by the git adapter before it reaches git.
 */
export const BranchNameSchema = z
  .string()
  .min(1)
  .max(255)
  .refine((b) => !b.startsWith('-'), 'must not start with "-"')
  .refine(
    (b) => !/(^|\/)\.|\.\.|[\s\p{Cc}~^:?*[\\]|@\{|\/\/|\/$|\.lock(\/|$)|\.$/u.test(b) && b !== '@',
    'is not a valid Git branch name',
  );
