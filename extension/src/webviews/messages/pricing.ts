import { PlanChoiceSchema, PlanUsageSchema } from '@paas/protocol';
import { z } from 'zod';
import { AccessViewSchema } from './access';
import { PlanViewSchema } from './createProject';
import { ReadyMessageSchema, RequestDoneMessageSchema, RequestIdSchema } from './envelope';

/** Pricing & Plans: the plan, usage against its limits (`plans/usage`), and the plans to move to. */
export const PricingModelSchema = z.object({
  access: AccessViewSchema,
  projectName: z.string(),
  plan: PlanChoiceSchema,
  plans: z.array(PlanViewSchema),
  usage: PlanUsageSchema,
});
export type PricingModel = z.infer<typeof PricingModelSchema>;

/** Everything the Pricing & Plans webview posts. */
export const PricingToExtensionSchema = z.discriminatedUnion('type', [
  ReadyMessageSchema,
  /** Re-read plan and usage (answered by `init`, then `requestDone`). */
  z.object({ type: z.literal('refresh'), requestId: RequestIdSchema }),
  /** Move to another plan or billing period (`projects/changePlan`; answered by `init`, then `requestDone`). */
  z.object({ type: z.literal('changePlan'), requestId: RequestIdSchema, plan: PlanChoiceSchema }),
]);
export type PricingToExtension = z.infer<typeof PricingToExtensionSchema>;

export const PricingToWebviewSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('init'), model: PricingModelSchema }),
  RequestDoneMessageSchema,
]);
export type PricingToWebview = z.infer<typeof PricingToWebviewSchema>;
