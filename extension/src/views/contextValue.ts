import { ACTIONS, can, type Action, type EnvironmentType, type Role } from '@paas/protocol';

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

/** The actions among `candidates` that `role` may take (in an environment of `environmentType`). */
export function allowedActions(
  role: Role | undefined,
  candidates: readonly Action[] = ACTIONS,
  environmentType?: EnvironmentType,
): Action[] {
  if (!role) return [];
  return candidates.filter((action) => can(role, action, environmentType));
}
