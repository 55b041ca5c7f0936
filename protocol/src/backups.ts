import { z } from 'zod';
import { EnvironmentTypeSchema } from './access';
import { IdSchema, TimestampSchema } from './common';
import { defineNotification, defineRequest } from './define';
import { JobSchema } from './jobs';

/**
 * Why a backup was taken: the app card's Backup action (`manual`), the environment's schedule
 * (`scheduled`), automatically before an update touches the database (`preUpdate`), before a restore
 * overwrites production (`preRestore`) or before an app is destroyed (`preDestroy`); `imported` backups
 * were made from an uploaded Odoo database-manager zip (`backups/import`).
 */
export const BackupKindSchema = z.enum([
  'manual',
  'scheduled',
  'preUpdate',
  'preRestore',
  'preDestroy',
  'imported',
]);
export type BackupKind = z.infer<typeof BackupKindSchema>;

/** `running` while the archive is written; `deleted` rows stay in the catalog as history. */
export const BackupStatusSchema = z.enum(['running', 'succeeded', 'failed', 'deleted']);
export type BackupStatus = z.infer<typeof BackupStatusSchema>;

const Sha256Schema = z.string().regex(/^[0-9a-f]{64}$/);

/**
 * `manifest.json` of an archive. The top-level fields are Odoo's own (odoo/service/db.py
 * `dump_db_manifest`), so our archives and Odoo's database-manager zips describe themselves alike;
 * `paas` is ours and is absent from zips made by Odoo.
 */
export const BackupManifestSchema = z.object({
  odoo_dump: z.literal('1').describe('Marks an Odoo database dump manifest (Odoo writes `1`).'),
  db_name: z.string().describe('The name of the database that was dumped.'),
  version: z.string().describe("Odoo's release version, e.g. `17.0`."),
  version_info: z
    .array(z.union([z.number(), z.string()]))
    .optional()
    .describe('Odoo\'s `version_info` tuple, e.g. `[17, 0, 0, "final", 0, ""]`.'),
  major_version: z.string().describe('The Odoo series, e.g. `17.0`.'),
  pg_version: z.string().describe('As Odoo formats it (`15.0` for PostgreSQL 15).'),
  modules: z
    .record(z.string(), z.string().nullable())
    .describe('Installed modules and their installed versions.'),
  paas: z
    .object({
      format: z.literal(1).describe('Archive format version.'),
      backupId: IdSchema.describe('The backup\u2019s id.'),
      projectId: IdSchema.describe('The project\u2019s id.'),
      environmentId: IdSchema.describe('The environment\u2019s id.'),
      environmentType: EnvironmentTypeSchema.describe(
        'The environment type: `production`, `staging` or `development`.',
      ),
      appId: IdSchema.describe('The app\u2019s id.'),
      appName: z.string().describe('The app\u2019s name when the backup was taken.'),
      commitSha: z.string().nullable().describe('The commit, as a full SHA; `null` until known.'),
      kind: BackupKindSchema.describe(
        "Why a backup was taken: the app card's Backup action (`manual`), the environment's schedule (`scheduled`), automatically before an update touches the database (`preUpdate`), before a restore overwrites production (`preRestore`) or before an app is destroyed (`preDestroy`); `imported` backups were made from an uploaded Odoo database-manager zip (`backups/import`).",
      ),
      createdAt: TimestampSchema.describe('When it was created (ISO 8601 UTC).'),
      database: z
        .object({
          entry: z
            .enum(['dump.pgdump', 'dump.sql'])
            .describe("`dump.pgdump` (custom format) or `dump.sql` (plain SQL, as in Odoo's zips)."),
          size: z.number().int().nonnegative().describe('Size of the dump entry in bytes.'),
          sha256: Sha256Schema.describe('SHA-256 of the dump entry\u2019s bytes (64 lowercase hex digits).'),
          tables: z.number().int().nonnegative().describe('Ordinary tables in the dumped database.'),
          offset: z
            .number()
            .int()
            .nonnegative()
            .optional()
            .describe(
              "Where the dump's bytes start in the archive, so a restore can read them directly while it unpacks the filestore; absent from archives written before protocol 1.1.",
            ),
        })
        .describe('The database dump inside the archive.'),
      filestore: z
        .object({
          files: z.number().int().nonnegative().describe('How many filestore files the archive holds.'),
          bytes: z.number().int().nonnegative().describe('Their total size in bytes.'),
          /** SHA-256 over one `path\tsize\tsha256\n` line per file, in archive order. */
          sha256: Sha256Schema.describe(
            'SHA-256 over one `path<TAB>size<TAB>sha256<LF>` line per file, in archive order (see `scripts/verify-backup.sh`).',
          ),
        })
        .describe('The filestore inside the archive.'),
    })
    .optional()
    .describe('What PaaS.sh adds to Odoo\u2019s manifest; absent from zips made by Odoo.'),
});
export type BackupManifest = z.infer<typeof BackupManifestSchema>;

/** The outcome of the newest `backups/verify` of a backup. */
export const VerificationSchema = z.object({
  status: z.enum(['passed', 'failed']).describe('Whether the restored copy matched the manifest.'),
  at: TimestampSchema.describe('When the verification finished (ISO 8601 UTC).'),
  message: z.string().describe('What was checked, or why it failed.'),
});

/** A backup in the catalog. */
export const BackupSchema = z.object({
  id: IdSchema.describe('Its id, issued by the agent.'),
  projectId: IdSchema.describe('The project\u2019s id.'),
  environmentId: IdSchema.describe('The environment\u2019s id.'),
  environmentType: EnvironmentTypeSchema.describe(
    'The environment type: `production`, `staging` or `development`.',
  ),
  appId: IdSchema.describe('The app it was taken of (it may since have been destroyed).'),
  appName: z.string().describe('The app\u2019s name when the backup was taken.'),
  kind: BackupKindSchema.describe(
    "Why a backup was taken: the app card's Backup action (`manual`), the environment's schedule (`scheduled`), automatically before an update touches the database (`preUpdate`), before a restore overwrites production (`preRestore`) or before an app is destroyed (`preDestroy`); `imported` backups were made from an uploaded Odoo database-manager zip (`backups/import`).",
  ),
  status: BackupStatusSchema.describe(
    '`running` while the archive is written; `deleted` rows stay in the catalog as history.',
  ),
  storageId: IdSchema.describe('The storage holding it and where inside it.'),
  storageName: z.string().describe('The storage\u2019s name.'),
  path: z
    .string()
    .describe(
      'Where the archive lies inside the storage: `<project code>/<environment type>/<app slug>/<id>.tar`.',
    ),
  sizeBytes: z.number().int().nonnegative().nullable().describe('Archive size in bytes, once written.'),
  durationMs: z.number().int().nonnegative().nullable().describe('Wall time of the backup, once finished.'),
  odooVersion: z.string().nullable().describe('The Odoo series, e.g. `17.0`.'),
  commitSha: z.string().nullable().describe('The commit, as a full SHA; `null` until known.'),
  files: z
    .number()
    .int()
    .nonnegative()
    .nullable()
    .describe('Filestore files and database tables in the archive.'),
  missingAttachments: z
    .number()
    .int()
    .nonnegative()
    .nullable()
    .describe(
      'Imported backups: attachments the dump lists (ir_attachment.store_fname) whose file the zip did not hold; ' +
        'the import went ahead without them. Null when not checked (backups the agent took itself).',
    ),
  tables: z
    .number()
    .int()
    .nonnegative()
    .nullable()
    .describe('Ordinary tables in the dumped database; `null` until written.'),
  checksums: z
    .object({
      database: Sha256Schema.describe('SHA-256 of the dump entry, as `manifest.paas.database.sha256`.'),
      filestore: Sha256Schema.describe('The filestore checksum, as `manifest.paas.filestore.sha256`.'),
    })
    .nullable()
    .describe("SHA-256 of the archive's parts."),
  createdAt: TimestampSchema.describe('When it was created (ISO 8601 UTC).'),
  finishedAt: TimestampSchema.nullable().describe('When it finished (ISO 8601 UTC); `null` until then.'),
  error: z
    .object({
      code: z
        .string()
        .describe('A stable error code, e.g. `INTERRUPTED` when the agent stopped during the backup.'),
      message: z.string().describe('What went wrong, for people.'),
    })
    .nullable()
    .describe('Why the backup failed; `null` unless `status` is `failed`.'),
  verification: VerificationSchema.nullable().describe(
    'The outcome of the newest `backups/verify` of a backup.',
  ),
});
export type Backup = z.infer<typeof BackupSchema>;

/** Grandfather-father-son retention: how many daily, weekly and monthly backups are kept. */
export const RetentionSchema = z.object({
  daily: z
    .number()
    .int()
    .min(0)
    .max(366)
    .describe('Newest backup of each of the last N days kept (0\u2013366).'),
  weekly: z
    .number()
    .int()
    .min(0)
    .max(260)
    .describe('Newest backup of each of the last N weeks kept (0\u2013260).'),
  monthly: z
    .number()
    .int()
    .min(0)
    .max(120)
    .describe('Newest backup of each of the last N months kept (0\u2013120).'),
});
export type Retention = z.infer<typeof RetentionSchema>;

/** An environment's automatic backups. */
export const BackupScheduleSchema = z.object({
  environmentId: IdSchema.describe('The environment\u2019s id.'),
  enabled: z.boolean().describe('Production and staging default to on, development to off.'),
  cron: z
    .string()
    .min(9)
    .max(100)
    .describe('Five-field cron expression in UTC; default `0 3 * * *` (daily at 03:00).'),
  retention: RetentionSchema.describe(
    'Grandfather-father-son retention: how many daily, weekly and monthly backups are kept.',
  ),
  verifyNewest: z
    .boolean()
    .describe('Verify the newest backup (restore into a throwaway database) after each scheduled run.'),
  nextRunAt: TimestampSchema.nullable().describe(
    'When the next scheduled backup runs, or `null` when disabled.',
  ),
});
export type BackupSchedule = z.infer<typeof BackupScheduleSchema>;

/** Backups, restores and verifications run as jobs of the project's queue (`jobs/didProgress` follows them). */
const JobResult = z.object({
  job: JobSchema.describe('The queued job; follow it with `jobs/get` or `jobs/didProgress`.'),
});

export const CreateBackup = defineRequest({
  method: 'backups/create',
  kind: 'mutation',
  doc: 'Queues a manual backup of an app (database + filestore) as a `backup` job; answers at once with the job.',
  params: z.object({ appId: IdSchema.describe('The app\u2019s id.') }),
  result: JobResult,
});

export const ListBackups = defineRequest({
  method: 'backups/list',
  kind: 'query',
  doc: 'Lists a project\u2019s backup catalog, newest first, filtered by environment, app, kind and date.',
  params: z.object({
    projectId: IdSchema.describe('The project\u2019s id.'),
    environmentId: IdSchema.optional().describe('The environment\u2019s id.'),
    appId: IdSchema.optional().describe('The app\u2019s id.'),
    kinds: z.array(BackupKindSchema).max(6).optional().describe('Only backups of these kinds; omit for all.'),
    from: TimestampSchema.optional().describe('Only backups created at or after this time.'),
    to: TimestampSchema.optional().describe('Only backups created before this time.'),
    includeDeleted: z.boolean().default(false).describe('Include deleted backups (history).'),
    cursor: z.string().max(200).optional().describe("Opaque cursor from the previous page's `nextCursor`."),
    limit: z
      .number()
      .int()
      .min(1)
      .max(500)
      .default(50)
      .describe('How many at most per page; 1\u2013500, default 50.'),
  }),
  result: z.object({
    backups: z.array(BackupSchema).describe('One page of backups, newest first.'),
    nextCursor: z
      .string()
      .nullable()
      .describe('Pass as `cursor` for the next page; `null` on the last page.'),
  }),
});

export const ListDeletedProjectBackups = defineRequest({
  method: 'backups/listDeletedProjects',
  kind: 'query',
  doc: 'Lists the deleted projects of an organization whose final backups are still kept, with those backups (newest first). Organization Admins only: they are kept until an Admin deletes them (backups/delete), and download, restore into another project of the organization and delete work on them as on any backup.',
  params: z.object({
    organizationId: IdSchema.describe('The organization whose deleted projects to list.'),
  }),
  result: z.object({
    projects: z
      .array(
        z.object({
          projectId: IdSchema.describe('The id the project had; its backups keep it as `projectId`.'),
          name: z.string().describe('The name the project had when it was deleted.'),
          code: z.string().describe('The code the project had when it was deleted.'),
          deletedAt: TimestampSchema.describe('When the project was deleted.'),
          backups: z
            .array(BackupSchema)
            .describe(
              'Its succeeded backups still in the catalog (the final `preDestroy` ones and any kept before).',
            ),
        }),
      )
      .describe('Deleted projects with at least one backup kept, newest deletion first.'),
  }),
});

export const GetBackup = defineRequest({
  method: 'backups/get',
  kind: 'query',
  doc: 'Returns one backup with its manifest.',
  params: z.object({ backupId: IdSchema.describe('The backup\u2019s id.') }),
  result: z.object({
    backup: BackupSchema.describe('The catalog row.'),
    manifest: BackupManifestSchema.nullable().describe(
      "The archive's `manifest.json` as the catalog keeps it; `null` until the archive was written (running or failed backups).",
    ),
  }),
});

export const DeleteBackup = defineRequest({
  method: 'backups/delete',
  kind: 'mutation',
  doc: 'Deletes a backup\u2019s archive from its storage (admins only); the catalog keeps the row as deleted.',
  params: z.object({ backupId: IdSchema.describe('The backup\u2019s id.') }),
  result: z.object({ backup: BackupSchema.describe('The catalog row, now `deleted`.') }),
});

export const RestoreBackup = defineRequest({
  method: 'backups/restore',
  kind: 'mutation',
  doc: 'Queues a `restore` job: the backup into an app of the project (the same or another environment), or, for a deleted project\u2019s backup, of another project of its organization; the app switches only when it fully succeeded.',
  params: z.object({
    backupId: IdSchema.describe('The backup to restore (must have succeeded).'),
    targetAppId: IdSchema.describe(
      'The app whose database and filestore it replaces: of the backup\u2019s project, or, for a deleted project\u2019s backup, of another project of its organization.',
    ),
    neutralize: z
      .boolean()
      .optional()
      .describe(
        'Neutralize the restored database (outgoing mail servers, crons and other side effects off, as Odoo\u2019s ' +
          '`neutralize` does). Default: true when the target app is not in production, false in production.',
      ),
    newIdentity: z
      .boolean()
      .optional()
      .describe(
        'Give the restored database an identity of its own (new `database.uuid` and `database.secret`), as ' +
          'Odoo\u2019s restore does for a copy. Default: true when the target is another app than the backup\u2019s, ' +
          'false when an app gets its own backup back (an `imported` backup is its app\u2019s: a database moved ' +
          'here keeps its uuid, and with it its enterprise subscription).',
      ),
  }),
  result: JobResult,
});

export const ImportBackup = defineRequest({
  method: 'backups/import',
  kind: 'mutation',
  doc: 'Queues an `import` job: an uploaded Odoo database-manager zip (see `PUT /uploads`) is checked, loaded into a throwaway database by an unprivileged role, and archived as an `imported` backup of the app it was uploaded for; restore it like any backup. The upload is used up.',
  params: z.object({
    uploadId: IdSchema.describe("The upload's id, from `PUT /uploads`; only its uploader may import it."),
  }),
  result: JobResult,
});

export const VerifyBackup = defineRequest({
  method: 'backups/verify',
  kind: 'mutation',
  doc: 'Queues a `verify` job: the backup restored into a throwaway database, tables and files checked against its manifest.',
  params: z.object({ backupId: IdSchema.describe('The backup\u2019s id.') }),
  result: JobResult,
});

export const GetBackupSchedule = defineRequest({
  method: 'backups/getSchedule',
  kind: 'query',
  doc: 'Returns an environment\u2019s backup schedule and retention.',
  params: z.object({ environmentId: IdSchema.describe('The environment\u2019s id.') }),
  result: z.object({
    schedule: BackupScheduleSchema.describe("An environment's automatic backups."),
    planRetention: RetentionSchema.describe(
      "The most the project's plan keeps (its operator-edited `backupRetention`); retention is capped by it.",
    ),
  }),
});

export const SetBackupSchedule = defineRequest({
  method: 'backups/setSchedule',
  kind: 'mutation',
  doc: 'Changes an environment\u2019s backup schedule or retention (capped by the project plan).',
  params: z.object({
    environmentId: IdSchema.describe('The environment\u2019s id.'),
    enabled: z.boolean().optional().describe('Turn scheduled backups on or off; omitted, unchanged.'),
    cron: z
      .string()
      .min(9)
      .max(100)
      .optional()
      .describe('Five-field cron expression in UTC, e.g. `0 3 * * *`; omitted, unchanged.'),
    retention: RetentionSchema.optional().describe(
      'Grandfather-father-son retention: how many daily, weekly and monthly backups are kept.',
    ),
    verifyNewest: z
      .boolean()
      .optional()
      .describe('Verify the newest backup after each scheduled run; omitted, unchanged.'),
  }),
  result: z.object({ schedule: BackupScheduleSchema.describe('The schedule as it is now.') }),
});

export const BackupDidChange = defineNotification({
  method: 'backups/didChange',
  direction: 'agentToClient',
  doc: 'A catalog row was added or changed (status, size, verification, deletion).',
  params: z.object({ backup: BackupSchema.describe('The catalog row as it is now.') }),
});
