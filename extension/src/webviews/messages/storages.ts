import { IdSchema } from '@paas/protocol';
import { z } from 'zod';
import { AccessViewSchema } from './access';
import { ErrorViewSchema, ReadyMessageSchema, RequestDoneMessageSchema, RequestIdSchema } from './envelope';

/** One storage as the screen shows it: where it is (never its password or key) and what it holds. */
export const StorageViewSchema = z.object({
  id: IdSchema,
  name: z.string(),
  kind: z.enum(['local', 'sftp']),
  /** `/var/lib/paas/backups`, or `user@host:port:root` for SFTP. */
  location: z.string(),
  isDefault: z.boolean(),
  /** The project's new backups go here. */
  current: z.boolean(),
  /** Backups (of every project the user sees) kept in it, and their bytes: the agent's `usage`. */
  backupCount: z.number().int().nonnegative(),
  usedBytes: z.number().int().nonnegative(),
  /** This project's backups in it, from its catalog. */
  projectBackupCount: z.number().int().nonnegative(),
  projectBytes: z.number().int().nonnegative(),
});
export type StorageView = z.infer<typeof StorageViewSchema>;

export const StoragesModelSchema = z.object({
  access: AccessViewSchema,
  projectName: z.string(),
  storages: z.array(StorageViewSchema),
});
export type StoragesModel = z.infer<typeof StoragesModelSchema>;

/** The outcome of a connection test, shown on the storage's row. */
export const StorageTestResultSchema = z.object({
  storageId: IdSchema,
  ok: z.boolean(),
  message: z.string(),
});
export type StorageTestResult = z.infer<typeof StorageTestResultSchema>;

const storage = { requestId: RequestIdSchema, storageId: IdSchema };

/** Everything the storages webview posts. */
export const StoragesToExtensionSchema = z.discriminatedUnion('type', [
  ReadyMessageSchema,
  z.object({ type: z.literal('refresh') }),
  /** Send the project's new backups to this storage (`storages/assign`). */
  z.object({ type: z.literal('assign'), ...storage }),
  /** Check the storage answers and is writable (`storages/test`); the result comes as `testResult`. */
  z.object({ type: z.literal('test'), ...storage }),
]);
export type StoragesToExtension = z.infer<typeof StoragesToExtensionSchema>;

export const StoragesToWebviewSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('init'), model: StoragesModelSchema }),
  z.object({ type: z.literal('loadFailed'), error: ErrorViewSchema }),
  z.object({ type: z.literal('testResult'), result: StorageTestResultSchema }),
  RequestDoneMessageSchema,
]);
export type StoragesToWebview = z.infer<typeof StoragesToWebviewSchema>;
