import { DatabaseNameSchema, EnvironmentTypeSchema, IdSchema } from '@paas/protocol';
import { z } from 'zod';
import { AccessViewSchema } from './access';
import { ErrorViewSchema, ReadyMessageSchema, RequestDoneMessageSchema, RequestIdSchema } from './envelope';

/** A database server the project's apps use: where it is, never its admin role's credentials. */
export const DatabaseServerViewSchema = z.object({
  id: IdSchema,
  name: z.string(),
  host: z.string(),
  port: z.number().int(),
  isDefault: z.boolean(),
  /** Why its databases could not be listed (the server did not answer), if so. */
  error: z.string().optional(),
});
export type DatabaseServerView = z.infer<typeof DatabaseServerViewSchema>;

/** One database of the project's apps, as `databases/list` returned it, with the app it belongs to. */
export const DatabaseViewSchema = z.object({
  serverId: IdSchema,
  name: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  appId: IdSchema,
  appName: z.string(),
  environmentType: EnvironmentTypeSchema,
  /** The app's own database (dropped only with the app), not a copy named after it. */
  isAppDatabase: z.boolean(),
  /** The app's database name: a copy's name must start with it and `_`. */
  appDatabaseName: z.string(),
});
export type DatabaseView = z.infer<typeof DatabaseViewSchema>;

export const DatabasesModelSchema = z.object({
  access: AccessViewSchema,
  projectName: z.string(),
  servers: z.array(DatabaseServerViewSchema),
  databases: z.array(DatabaseViewSchema),
});
export type DatabasesModel = z.infer<typeof DatabasesModelSchema>;

const database = { requestId: RequestIdSchema, serverId: IdSchema };

/** Everything the databases webview posts. */
export const DatabasesToExtensionSchema = z.discriminatedUnion('type', [
  ReadyMessageSchema,
  z.object({ type: z.literal('refresh') }),
  /** Copy `source` to `target` on the same server (`databases/duplicate`). */
  z.object({
    type: z.literal('duplicate'),
    ...database,
    source: DatabaseNameSchema,
    target: DatabaseNameSchema,
  }),
  /** Drop a copy; `confirmName` is what the user typed, and the agent checks it equals `name`. */
  z.object({
    type: z.literal('drop'),
    ...database,
    name: DatabaseNameSchema,
    confirmName: z.string().max(63),
  }),
]);
export type DatabasesToExtension = z.infer<typeof DatabasesToExtensionSchema>;

export const DatabasesToWebviewSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('init'), model: DatabasesModelSchema }),
  /** The model could not be loaded (the agent is unreachable, the project is gone...). */
  z.object({ type: z.literal('loadFailed'), error: ErrorViewSchema }),
  RequestDoneMessageSchema,
]);
export type DatabasesToWebview = z.infer<typeof DatabasesToWebviewSchema>;
