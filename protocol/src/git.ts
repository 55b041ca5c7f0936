import { z } from 'zod';

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
  .refine((url) => !/^[a-z]+::/i.test(url) && !url.includes('ext::'), 'git remote helpers are not allowed');

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
