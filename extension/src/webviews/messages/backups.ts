import {
  BackupKindSchema,
  BackupStatusSchema,
  EnvironmentTypeSchema,
  IdSchema,
  TimestampSchema,
} from '@paas/protocol';
import { z } from 'zod';
import { AccessViewSchema } from './access';
import { ReadyMessageSchema, RequestDoneMessageSchema, RequestIdSchema } from './envelope';

/** Whether the agent serves a transfer route (`initialize`'s `capabilities.transfers`). */
export const TransferAvailabilitySchema = z.object({ available: z.boolean(), reason: z.string().optional() });
export type TransferAvailability = z.infer<typeof TransferAvailabilitySchema>;

/** One backup in the catalog, mapped from the protocol's `Backup` (`toBackupView`). */
export const BackupViewSchema = z.object({
  id: IdSchema,
  appId: IdSchema,
  appName: z.string(),
  environmentType: EnvironmentTypeSchema,
  kind: BackupKindSchema,
  state: BackupStatusSchema,
  createdAt: TimestampSchema,
  /** Archive size once completed. */
  sizeBytes: z.number().int().nonnegative().nullable(),
  includesFilestore: z.boolean(),
  /** Imported backups: attachments whose file the zip lacked (0 when none, or not checked). */
  missingAttachments: z.number().int().nonnegative(),
});
export type BackupView = z.infer<typeof BackupViewSchema>;

export const BackupsModelSchema = z.object({
  access: AccessViewSchema,
  projectName: z.string(),
  backups: z.array(BackupViewSchema),
  /** Whether archives can be downloaded from this agent, and why not (shown on the disabled button). */
  download: TransferAvailabilitySchema,
  /** Whether this agent accepts uploads, so Odoo zips can be imported, and why not. */
  imports: TransferAvailabilitySchema,
});
export type BackupsModel = z.infer<typeof BackupsModelSchema>;

const backup = { requestId: RequestIdSchema, backupId: IdSchema };

/** Everything the backups webview posts. */
export const BackupsToExtensionSchema = z.discriminatedUnion('type', [
  ReadyMessageSchema,
  z.object({ type: z.literal('refresh') }),
  /** Restore into the backup's own app (the extension confirms first: it overwrites the database). */
  z.object({ type: z.literal('restore'), ...backup }),
  /** Save the archive locally (the extension asks the format and where). */
  z.object({ type: z.literal('download'), ...backup }),
  z.object({ type: z.literal('delete'), ...backup }),
  /**
   * Import an Odoo database-manager zip as a backup of one of the project's apps (the extension asks
   * which app and which file, uploads it and follows the import job); done once the job is queued.
   */
  z.object({ type: z.literal('importBackup'), requestId: RequestIdSchema }),
]);
export type BackupsToExtension = z.infer<typeof BackupsToExtensionSchema>;

export const BackupsToWebviewSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('init'), model: BackupsModelSchema }),
  RequestDoneMessageSchema,
]);
export type BackupsToWebview = z.infer<typeof BackupsToWebviewSchema>;
