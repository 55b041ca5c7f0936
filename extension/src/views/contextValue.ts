import type { Action, EnvironmentType, Permissions } from '@paas/protocol';

/**
 * Builds a tree item's `contextValue`: its kind, `key:value` facts, and one `can:<action>` per action the
 * caller's role allows here. Menus in package.json match it with `when` clauses such as
 * `viewItem =~ /\bcan:app\.deploy\b/`, so an action the role lacks is simply not offered.
 */
export function contextValue(
  kind: string,
  facts: Record<string, string | undefined>,
  allowed: Iterable<Action> = [],
): string {
  const parts = [kind];
  for (const [key, value] of Object.entries(facts)) if (value !== undefined) parts.push(`${key}:${value}`);
  for (const action of allowed) parts.push(`can:${action}`);
  return parts.join(' ');
}

/**
 * The actions among `candidates` that the agent says the caller may take (in an environment of
 * `environmentType`, for environment-scoped ones). Uses the permissions reported in the handshake, so
 * project-level roles or a changed access table on the agent are honoured without a client update.
 */
export function allowedActions(
  permissions: Permissions | undefined,
  candidates: readonly Action[],
  environmentType?: EnvironmentType,
): Action[] {
  if (!permissions) return [];
  const granted = new Set<Action>(permissions.global);
  if (environmentType)
    for (const action of permissions.byEnvironmentType[environmentType] ?? []) granted.add(action);
  return candidates.filter((action) => granted.has(action));
}
