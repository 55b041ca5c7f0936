import {
  AppStateSchema,
  EnvironmentTypeSchema,
  IdSchema,
  QueueRunnerSchema,
  TimestampSchema,
} from '@paas/protocol';
import { z } from 'zod';
import { AccessViewSchema } from './access';
import { SPARKLINE_POINTS } from './constants';
import { ReadyMessageSchema, RequestDoneMessageSchema, RequestIdSchema } from './envelope';

/** One app card, mapped from the protocol's `App` (`toAppCard`). */
export const AppCardViewSchema = z.object({
  id: IdSchema,
  name: z.string(),
  environmentType: EnvironmentTypeSchema,
  branch: z.string(),
  /** Full SHA of the deployed (or deploying) commit; the card shows 7 characters. */
  commitSha: z.string().nullable(),
  odooVersion: z.string(),
  edition: z.enum(['community', 'enterprise']),
  state: AppStateSchema,
  /** Where the running app answers, when it runs. */
  url: z.string().nullable(),
  /** Disabled (archived) apps are hidden unless "Show disabled apps" is on. */
  disabled: z.boolean(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  deployedAt: TimestampSchema.nullable(),
  logStats: z.object({ warnings: z.number().int().nonnegative(), errors: z.number().int().nonnegative() }),
  /** The OCA queue_job runner's health (apps of environments with `ocaQueue`); absent: no runner seen. */
  queueRunner: QueueRunnerSchema.optional(),
});
export type AppCardView = z.infer<typeof AppCardViewSchema>;

/** The server card: one metrics sample of an environment's server, plus recent CPU for the sparkline. */
export const ServerCardViewSchema = z.object({
  serverId: IdSchema,
  hostname: z.string(),
  ipAddresses: z.array(z.string()),
  cpu: z.object({ percent: z.number().min(0).max(100), cores: z.number().int().positive() }),
  memory: z.object({ usedBytes: z.number().nonnegative(), totalBytes: z.number().nonnegative() }),
  disks: z.array(
    z.object({
      mount: z.string(),
      usedBytes: z.number().nonnegative(),
      totalBytes: z.number().nonnegative(),
      /** What is left for non-root writers (df's Avail): reserved blocks are neither used nor available. */
      availableBytes: z.number().nonnegative(),
    }),
  ),
  sampledAt: TimestampSchema,
});
export type ServerCardView = z.infer<typeof ServerCardViewSchema>;

export const EnvironmentViewSchema = z.object({
  id: IdSchema,
  type: EnvironmentTypeSchema,
  serverId: IdSchema,
  /** The latest sample of its server, until the first one arrives `null`. */
  server: ServerCardViewSchema.nullable(),
  /** CPU percent history from `metrics/history`, oldest first, at most {@link SPARKLINE_POINTS}. */
  cpuHistory: z.array(z.number().min(0).max(100)).max(SPARKLINE_POINTS),
});
export type EnvironmentView = z.infer<typeof EnvironmentViewSchema>;

/** Which project a dashboard shows; kept in the webview state so the serializer can reopen it. */
export const ProjectRefSchema = z.object({ serverId: z.string().min(1), projectId: IdSchema });
export type ProjectRef = z.infer<typeof ProjectRefSchema>;

/**
 * The project a dashboard's saved webview state shows, which the serializer reopens after a reload;
 * `undefined` when the state holds none (closed before its model arrived, or saved by another version).
 */
export function projectRefOfState(state: unknown): ProjectRef | undefined {
  const ref = ProjectRefSchema.safeParse(
    (state as { model?: { ref?: unknown } } | null | undefined)?.model?.ref,
  );
  return ref.success ? ref.data : undefined;
}

export const DashboardModelSchema = z.object({
  ref: ProjectRefSchema,
  projectName: z.string(),
  access: AccessViewSchema,
  environments: z.array(EnvironmentViewSchema),
  apps: z.array(AppCardViewSchema),
});
export type DashboardModel = z.infer<typeof DashboardModelSchema>;

/** Card actions that run on the agent and answer with `requestDone`. */
export const APP_ACTIONS = ['deploy', 'update', 'backup', 'retry'] as const;
export const AppActionSchema = z.enum(APP_ACTIONS);
export type AppAction = z.infer<typeof AppActionSchema>;

const envOnly = { environmentType: EnvironmentTypeSchema };

/** Everything the dashboard webview posts. */
export const DashboardToExtensionSchema = z.discriminatedUnion('type', [
  ReadyMessageSchema,
  /** The visible environment changed: the extension moves the metrics subscription to its server. */
  z.object({ type: z.literal('selectEnvironment'), ...envOnly }),
  z.object({ type: z.literal('refresh') }),
  z.object({ type: z.literal('setShowDisabled'), show: z.boolean() }),
  z.object({ type: z.literal('createApp'), ...envOnly }),
  z.object({ type: z.literal('automateEnvironment'), ...envOnly }),
  z.object({ type: z.literal('destroyEnvironment'), ...envOnly }),
  z.object({ type: z.literal('openApp'), appId: IdSchema }),
  z.object({
    type: z.literal('appAction'),
    requestId: RequestIdSchema,
    appId: IdSchema,
    action: AppActionSchema,
  }),
  /** The ⋮ menu: the extension shows the remaining actions in a quick pick. */
  z.object({ type: z.literal('appMore'), appId: IdSchema }),
  z.object({ type: z.literal('openLogs'), appId: IdSchema, level: z.enum(['warning', 'error']) }),
]);
export type DashboardToExtension = z.infer<typeof DashboardToExtensionSchema>;

/** Everything the extension posts to the dashboard. */
export const DashboardToWebviewSchema = z.discriminatedUnion('type', [
  /** The full model; sent after every `ready` and after a refresh. */
  z.object({ type: z.literal('init'), model: DashboardModelSchema }),
  /** One app changed (state, commit, log stats...): the card updates in place. */
  z.object({ type: z.literal('appChanged'), app: AppCardViewSchema }),
  z.object({ type: z.literal('appRemoved'), appId: IdSchema }),
  /** A new metrics sample for an environment's server (`metrics/didSample`). */
  z.object({
    type: z.literal('serverSample'),
    environmentType: EnvironmentTypeSchema,
    server: ServerCardViewSchema,
  }),
  RequestDoneMessageSchema,
]);
export type DashboardToWebview = z.infer<typeof DashboardToWebviewSchema>;
