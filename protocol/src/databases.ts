import { z } from 'zod';
import { DisplayNameSchema, IdSchema, TimestampSchema } from './common';
import { defineRequest } from './define';

/**
 * A PostgreSQL server the agent creates app databases on, reached over TCP (`host` a hostname or address)
 * or a unix socket (`host` an absolute socket directory such as `/var/run/postgresql`). The admin role's
 * password is kept by the agent and never returned.
 */
export const DatabaseServerSchema = z.object({
  id: IdSchema.describe('Its id, issued by the agent.'),
  name: DisplayNameSchema.describe('A name for people to tell servers apart (1\u2013100 characters).'),
  host: z.string().describe('A hostname or IP address, or an absolute unix socket directory.'),
  port: z.number().int().describe('The TCP port (with a socket directory: the socket file\u2019s number).'),
  adminUser: z
    .string()
    .describe('The role the agent administers the server with (creates roles and databases).'),
  isDefault: z
    .boolean()
    .describe('New apps use the default server unless told otherwise; exactly one server is the default.'),
  fromConfig: z
    .boolean()
    .describe(
      "Registered from the agent's config file (`defaultDatabaseServer`) rather than through the protocol.",
    ),
  createdAt: TimestampSchema.describe('When it was created (ISO 8601 UTC).'),
});
export type DatabaseServer = z.infer<typeof DatabaseServerSchema>;

/** A hostname, an IP address, or an absolute unix socket directory. */
export const DatabaseHostSchema = z
  .string()
  .min(1)
  .max(255)
  .regex(
    /^(\/[A-Za-z0-9._/-]*|[A-Za-z0-9](?:[A-Za-z0-9.-]{0,253})|\[[0-9A-Fa-f:]+\])$/,
    'must be a hostname, an IP address or an absolute socket directory',
  );

/** A PostgreSQL role or database name the agent accepts: letters, digits and `_`, 1–63 characters. */
export const DatabaseNameSchema = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]{0,62}$/,
    'must be 1–63 letters, digits or underscores, not starting with a digit',
  );

export const RegisterDatabaseServer = defineRequest({
  method: 'databaseServers/register',
  kind: 'mutation',
  doc: 'Registers a PostgreSQL server after checking the agent can log in to it as the admin role. Agent administrators only.',
  params: z.object({
    name: DisplayNameSchema.describe('A name for people to tell servers apart (1\u2013100 characters).'),
    host: DatabaseHostSchema.describe(
      'A hostname, an IP address (IPv6 in brackets), or an absolute unix socket directory such as `/var/run/postgresql`.',
    ),
    port: z
      .number()
      .int()
      .min(1)
      .max(65535)
      .default(5432)
      .describe('The TCP port, or the number in the socket file\u2019s name; default 5432.'),
    adminUser: DatabaseNameSchema.describe(
      'A role that may create roles and databases (CREATEROLE and CREATEDB, or superuser).',
    ),
    adminPassword: z
      .string()
      .min(1)
      .max(1024)
      .describe(
        'That role\u2019s password: checked by logging in, kept sealed by the agent, never returned nor logged.',
      ),
    makeDefault: z.boolean().default(false).describe('Make it the default for new apps.'),
  }),
  result: z.object({ server: DatabaseServerSchema.describe('The registered server.') }),
});

export const ListDatabaseServers = defineRequest({
  method: 'databaseServers/list',
  kind: 'query',
  doc: 'Lists the registered PostgreSQL servers (never their passwords). Any caller.',
  params: z.object({}),
  result: z.object({ servers: z.array(DatabaseServerSchema).describe('Every registered server.') }),
});

export const RemoveDatabaseServer = defineRequest({
  method: 'databaseServers/remove',
  kind: 'mutation',
  doc: 'Forgets a database server; refused while an app uses it or when it is the default. Agent administrators only.',
  params: z.object({ serverId: IdSchema.describe('The server\u2019s id.') }),
  result: z.object({ serverId: IdSchema.describe('The server\u2019s id.') }),
});

/** A database on a server. */
export const DatabaseSchema = z.object({
  name: z.string().describe('The database name.'),
  owner: z.string().describe('The role that owns it.'),
  sizeBytes: z
    .number()
    .int()
    .nonnegative()
    .describe('Its size on disk in bytes (`pg_database_size`); 0 when the admin role may not connect to it.'),
  appId: IdSchema.nullable().describe('The app whose database it is, if any.'),
});
export type Database = z.infer<typeof DatabaseSchema>;

export const ListDatabases = defineRequest({
  method: 'databases/list',
  kind: 'query',
  doc: 'Lists the databases of a server with their sizes (templates excluded): all for agent administrators, else those of apps of projects the caller sees.',
  params: z.object({ serverId: IdSchema.describe('The server\u2019s id.') }),
  result: z.object({ databases: z.array(DatabaseSchema).describe('The databases the caller may see.') }),
});

export const CreateDatabase = defineRequest({
  method: 'databases/create',
  kind: 'mutation',
  doc: 'Creates an empty UTF-8 database, owned by the admin role or by `owner`. Agent administrators only.',
  params: z.object({
    serverId: IdSchema.describe('The server\u2019s id.'),
    name: DatabaseNameSchema.describe('The new database\u2019s name: 1\u201363 letters, digits or `_`.'),
    owner: DatabaseNameSchema.optional().describe('An existing role to own it.'),
  }),
  result: z.object({ database: DatabaseSchema.describe('The new, empty database.') }),
});

export const DropDatabase = defineRequest({
  method: 'databases/drop',
  kind: 'mutation',
  doc: 'Drops a database after ending its sessions; refused for app databases (use `apps/destroy`). Agent administrators, or an Admin of the project whose app it is a copy of.',
  params: z.object({
    serverId: IdSchema.describe('The server\u2019s id.'),
    name: DatabaseNameSchema.describe('The database to drop.'),
    confirmName: z.string().describe('Must equal `name`: the danger-zone confirmation.'),
  }),
  result: z.object({ name: z.string().describe('The database that was dropped.') }),
});

export const DuplicateDatabase = defineRequest({
  method: 'databases/duplicate',
  kind: 'mutation',
  doc: 'Copies a database (`CREATE DATABASE … TEMPLATE`), ending the source\u2019s sessions first. Agent administrators; or, with `app.backup` in its environment, an app\u2019s database into a target named `<source>_…`.',
  params: z.object({
    serverId: IdSchema.describe('The server\u2019s id.'),
    source: DatabaseNameSchema.describe('The database to copy; its sessions are ended first.'),
    target: DatabaseNameSchema.describe(
      'The new database\u2019s name; for non-administrators it must start with `<source>_`.',
    ),
  }),
  result: z.object({ database: DatabaseSchema.describe('The copy.') }),
});
