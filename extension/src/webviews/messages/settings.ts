import { EnvironmentTypeSchema, IdSchema, PlanChoiceSchema } from '@paas/protocol';
import { z } from 'zod';
import { AccessViewSchema } from './access';
import { PlanViewSchema } from './createProject';
import { ReadyMessageSchema, RequestDoneMessageSchema, RequestIdSchema } from './envelope';

export const SettingsModelSchema = z.object({
  access: AccessViewSchema,
  project: z.object({ id: IdSchema, name: z.string(), code: z.string(), plan: PlanChoiceSchema }),
  /** The plans the project can move to (`plans/list`). */
  plans: z.array(PlanViewSchema),
  /** Each environment's `preUpdateBackup` setting (production backs up before every update regardless). */
  environments: z.array(
    z.object({ id: IdSchema, type: EnvironmentTypeSchema, preUpdateBackup: z.boolean() }),
  ),
});
export type SettingsModel = z.infer<typeof SettingsModelSchema>;

/** Everything the settings webview posts. */
export const SettingsToExtensionSchema = z.discriminatedUnion('type', [
  ReadyMessageSchema,
  /** Move the project to another plan or billing period (`projects/changePlan`). */
  z.object({ type: z.literal('changePlan'), requestId: RequestIdSchema, plan: PlanChoiceSchema }),
  /** Turn an environment's backup before each update on or off (`environments/update`). */
  z.object({
    type: z.literal('setPreUpdateBackup'),
    requestId: RequestIdSchema,
    environmentId: IdSchema,
    enabled: z.boolean(),
  }),
  /** Delete the project; `confirmCode` is what the user typed and must equal the project code. */
  z.object({ type: z.literal('deleteProject'), requestId: RequestIdSchema, confirmCode: z.string() }),
]);
export type SettingsToExtension = z.infer<typeof SettingsToExtensionSchema>;

export const SettingsToWebviewSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('init'), model: SettingsModelSchema }),
  RequestDoneMessageSchema,
]);
export type SettingsToWebview = z.infer<typeof SettingsToWebviewSchema>;
