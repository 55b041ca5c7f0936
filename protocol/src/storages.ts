import { z } from 'zod';
import { DisplayNameSchema, IdSchema, TimestampSchema } from './common';
import { defineRequest } from './define';

/** An OpenSSH host key fingerprint, as `ssh-keygen -l -E sha256` prints it. */
export const HostKeyFingerprintSchema = z
  .string()
  .regex(/^SHA256:[A-Za-z0-9+/]{43}$/, 'must be SHA256:<base64>');

/** A storage's public settings: never its password or key. */
export const StorageConfigSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('local').describe('Which variant this is: `local`.'),
    /** Absolute directory on the agent's machine. */
    path: z
      .string()
      .regex(/^\/[^\0]*$/, 'must be an absolute path')
      .max(1024)
      // Kernel pseudo-filesystems hold no backups (and Node's recursive mkdir never returns under /proc).
      .refine((path) => !/^\/(proc|sys|dev)(\/|$)/.test(path), 'must not be under /proc, /sys or /dev')
      .describe("An absolute directory on the agent's machine (not under /proc, /sys or /dev)."),
  }),
  z.object({
    kind: z.literal('sftp').describe('Which variant this is: `sftp`.'),
    host: z
      .string()
      .regex(/^[A-Za-z0-9.-]{1,253}$|^\[[0-9A-Fa-f:]+\]$/, 'must be a host name or address')
      .describe('The SFTP server: a host name or address (IPv6 in brackets).'),
    port: z.number().int().min(1).max(65535).default(22).describe('Its SSH port; default 22.'),
    username: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,64}$/)
      .describe('The SSH user the agent logs in as.'),
    /** Directory on the server holding the archives (absolute or relative to the login directory). */
    root: z
      .string()
      .min(1)
      .max(1024)
      .regex(/^[^\0]*$/)
      .refine((p) => !p.split('/').includes('..'), 'must not contain ..')
      .describe('The directory holding the archives: absolute, or relative to the login directory; no `..`.'),
    hostKeySha256: HostKeyFingerprintSchema.optional().describe(
      "The server's host key; learned at creation when omitted, and pinned from then on.",
    ),
  }),
]);
export type StorageConfig = z.infer<typeof StorageConfigSchema>;

/** The secret half of an SFTP storage: a password or an OpenSSH private key. Never returned. */
export const StorageSecretSchema = z.union([
  z.object({ password: z.string().min(1).max(1024).describe('The SSH password of `username`.') }),
  z.object({
    privateKey: z.string().min(1).max(16384).describe('An OpenSSH private key (PEM text) for `username`.'),
    passphrase: z.string().max(1024).optional().describe('The key\u2019s passphrase, when it has one.'),
  }),
]);

/** What the backups kept in a storage take, as the agent's catalog counts them. */
export const StorageUsageSchema = z.object({
  backupCount: z.number().int().nonnegative().describe('How many backups (running or kept) live in it.'),
  usedBytes: z.number().int().nonnegative().describe('The sum of their archive sizes, in bytes.'),
});
export type StorageUsage = z.infer<typeof StorageUsageSchema>;

export const StorageSchema = z.object({
  id: IdSchema.describe('Its id, issued by the agent.'),
  name: DisplayNameSchema.describe('A name for people to tell storages apart (1\u2013100 characters).'),
  config: StorageConfigSchema.describe("A storage's public settings: never its password or key."),
  hasSecret: z.boolean().describe('Whether credentials are stored (always true for SFTP).'),
  isDefault: z
    .boolean()
    .describe("The built-in storage in the agent's data directory: projects without an assignment use it."),
  projectIds: z.array(IdSchema).describe('Projects whose backups go here.'),
  usage: StorageUsageSchema.describe(
    'What the backups kept in it take, counted from the catalog (deleted ones left out); callers who are not agent administrators count only the backups of projects they see.',
  ),
  createdAt: TimestampSchema.describe('When it was created (ISO 8601 UTC).'),
  updatedAt: TimestampSchema.describe('When it last changed (ISO 8601 UTC).'),
});
export type Storage = z.infer<typeof StorageSchema>;

export const ListStorages = defineRequest({
  method: 'storages/list',
  kind: 'query',
  doc: 'Lists the storages backups can go to (never their credentials); `projectIds` holds only projects the caller sees.',
  params: z.object({}),
  result: z.object({ storages: z.array(StorageSchema).describe('Every storage, the default one included.') }),
});

export const CreateStorage = defineRequest({
  method: 'storages/create',
  kind: 'mutation',
  doc: 'Adds a storage after checking the agent can write to it; an SFTP host key is learned when not given. Agent administrators only.',
  params: z.object({
    name: DisplayNameSchema.describe('A name for people to tell storages apart (1\u2013100 characters).'),
    config: StorageConfigSchema.describe("A storage's public settings: never its password or key."),
    secret: StorageSecretSchema.optional().describe(
      'The secret half of an SFTP storage: a password or an OpenSSH private key. Never returned.',
    ),
  }),
  result: z.object({ storage: StorageSchema.describe('The new storage.') }),
});

export const UpdateStorage = defineRequest({
  method: 'storages/update',
  kind: 'mutation',
  doc: 'Changes a storage\u2019s name, settings or credentials, checking it again. Agent administrators only.',
  params: z.object({
    storageId: IdSchema.describe('The storage\u2019s id.'),
    name: DisplayNameSchema.optional().describe('A new name; omitted, it stays.'),
    config: StorageConfigSchema.optional().describe(
      "A storage's public settings: never its password or key.",
    ),
    secret: StorageSecretSchema.optional().describe(
      'The secret half of an SFTP storage: a password or an OpenSSH private key. Never returned.',
    ),
  }),
  result: z.object({ storage: StorageSchema.describe('The storage as it is now.') }),
});

export const DeleteStorage = defineRequest({
  method: 'storages/delete',
  kind: 'mutation',
  doc: 'Forgets a storage; refused for the default one, while projects are assigned to it or backups live in it. Agent administrators only.',
  params: z.object({ storageId: IdSchema.describe('The storage\u2019s id.') }),
  result: z.object({ storageId: IdSchema.describe('The storage\u2019s id.') }),
});

export const AssignStorage = defineRequest({
  method: 'storages/assign',
  kind: 'mutation',
  doc: 'Makes a storage where a project\u2019s new backups go.',
  params: z.object({
    projectId: IdSchema.describe('The project\u2019s id.'),
    storageId: IdSchema.describe('The storage\u2019s id.'),
  }),
  result: z.object({ storage: StorageSchema.describe('The storage, with the project now in `projectIds`.') }),
});

export const TestStorage = defineRequest({
  method: 'storages/test',
  kind: 'mutation',
  doc: 'Connects to a storage and checks its directory can be written, leaving nothing behind (a local directory that does not exist yet is judged by the nearest one that does); a failure answers `Unavailable` with the reason. Those who may assign the project\u2019s storage.',
  params: z.object({
    projectId: IdSchema.describe('The project whose Storages screen asks: authorises the check.'),
    storageId: IdSchema.describe('The storage\u2019s id.'),
  }),
  result: z.object({
    storageId: IdSchema.describe('The storage\u2019s id.'),
    durationMs: z.number().int().nonnegative().describe('How long the check took, in milliseconds.'),
  }),
});
