import { PlanSchema } from '@paas/protocol';
import { z } from 'zod';
import { AccessViewSchema } from './access';
import { ReadyMessageSchema, RequestDoneMessageSchema, RequestIdSchema } from './envelope';

/** A plan card: the protocol's plan (`plans/list`) and its display name. */
export const PlanViewSchema = PlanSchema.extend({ name: z.string() });
export type PlanView = z.infer<typeof PlanViewSchema>;

export const CreateProjectModelSchema = z.object({
  access: AccessViewSchema,
  plans: z.array(PlanViewSchema),
  /** Odoo series offered, newest first. */
  odooVersions: z.array(z.string()).min(1),
});
export type CreateProjectModel = z.infer<typeof CreateProjectModelSchema>;

/** Everything the create-project webview posts. */
export const CreateProjectToExtensionSchema = z.discriminatedUnion('type', [
  ReadyMessageSchema,
  /** "Refresh" beside the registry: re-read its branches (answered by `branches`, then `requestDone`). */
  z.object({
    type: z.literal('listBranches'),
    requestId: RequestIdSchema,
    registryUrl: z.string(),
    /** The form's credentials for a private registry; checked by the protocol's schema, never saved. */
    credentials: z.record(z.string(), z.unknown()).optional(),
  }),
  /**
   * The form, as `projects/create` params. Checked by the extension against the protocol's own schema
   * (the agent's), so local and agent validation errors have the same paths.
   */
  z.object({
    type: z.literal('submit'),
    requestId: RequestIdSchema,
    params: z.record(z.string(), z.unknown()),
  }),
  z.object({ type: z.literal('cancel') }),
]);
export type CreateProjectToExtension = z.infer<typeof CreateProjectToExtensionSchema>;

/** Everything the extension posts to the create-project webview. */
export const CreateProjectToWebviewSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('init'), model: CreateProjectModelSchema }),
  z.object({ type: z.literal('branches'), registryUrl: z.string(), branches: z.array(z.string()) }),
  z.object({ type: z.literal('created'), projectId: z.string(), projectName: z.string() }),
  RequestDoneMessageSchema,
]);
export type CreateProjectToWebview = z.infer<typeof CreateProjectToWebviewSchema>;
