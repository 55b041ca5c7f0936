import { ProjectSchema } from '@paas/protocol';
import { z } from 'zod';
import { AccessViewSchema } from './access';
import { ReadyMessageSchema, RequestDoneMessageSchema, RequestIdSchema } from './envelope';

export const ProjectInfoModelSchema = z.object({ access: AccessViewSchema, project: ProjectSchema });
export type ProjectInfoModel = z.infer<typeof ProjectInfoModelSchema>;

export const PROJECT_INFO_TABS = ['general', 'configuration'] as const;

/** Everything the project info webview posts. */
export const ProjectInfoToExtensionSchema = z.discriminatedUnion('type', [
  ReadyMessageSchema,
  /** A tab's changes as `projects/update` params (without `projectId`), checked by the protocol schema. */
  z.object({
    type: z.literal('save'),
    requestId: RequestIdSchema,
    tab: z.enum(PROJECT_INFO_TABS),
    params: z.record(z.string(), z.unknown()),
  }),
  z.object({ type: z.literal('refresh') }),
]);
export type ProjectInfoToExtension = z.infer<typeof ProjectInfoToExtensionSchema>;

export const ProjectInfoToWebviewSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('init'), model: ProjectInfoModelSchema }),
  RequestDoneMessageSchema,
]);
export type ProjectInfoToWebview = z.infer<typeof ProjectInfoToWebviewSchema>;
