import { withoutUrlCredentials } from '@paas/protocol';

/** Keys whose values are secrets wherever they appear in params (runner extra vars included). */
const SECRET_KEY =
  /pass(word|phrase)?|secret|token|credential|key|authorization|invitation.?code|code.?hash/i;

export const REDACTED = '[redacted]';

/**
 * A deep copy of `value` with every secret-named field replaced, for audit entries and logs. Secrets
 * inside free text are not guessed at: protocol schemas keep secrets in named fields. The one exception is
 * a URL's user-info (`https://user:password@host`), which schemas refuse but a refused request still
 * carries into its audit entry.
 */
export function redactSecrets(value: unknown): unknown {
  if (typeof value === 'string') return withoutUrlCredentials(value);
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      SECRET_KEY.test(key) ? REDACTED : redactSecrets(inner),
    ]),
  );
}

/**
 * Replaces, in free text (a runner's log), every value that sits under a secret-named key of `vars`: the
 * playbook may print what it was given.
 */
export function secretValueRedactor(vars: Record<string, unknown>): (text: string) => string {
  const secrets = Object.entries(vars)
    .filter(([key, value]) => SECRET_KEY.test(key) && String(value).length > 0)
    .map(([, value]) => String(value))
    .sort((a, b) => b.length - a.length);
  return (text) => secrets.reduce((out, secret) => out.split(secret).join(REDACTED), text);
}
