import { ActionSchema, EnvironmentTypeSchema, RoleSchema } from '@paas/protocol';
import { z } from 'zod';

/** Whether the caller may take one action, and the lowest role that may (for the disabled button's tooltip). */
export const GateSchema = z.object({ allowed: z.boolean(), minimumRole: RoleSchema });
export type Gate = z.infer<typeof GateSchema>;

/** Where an action is checked: project-wide, or in an environment of one type. */
export const GateScopeSchema = z.union([z.literal('project'), EnvironmentTypeSchema]);
export type GateScope = z.infer<typeof GateScopeSchema>;

/**
 * The caller's effective permissions as webviews consume them: one gate per action and scope, computed in
 * the extension from the agent's `Permissions` so the webview needs no copy of the access table.
 */
export const AccessViewSchema = z.object({
  role: RoleSchema,
  gates: z.record(GateScopeSchema, z.record(ActionSchema, GateSchema)),
});
export type AccessView = z.infer<typeof AccessViewSchema>;
