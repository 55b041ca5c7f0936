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
  name: DisplayNameSchema,
  host: z.string(),
  port: z.number().int(),
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
    name: DisplayNameSchema,
    host: DatabaseHostSchema,
    port: z.number().int().min(1).max(65535).default(5432),
    adminUser: DatabaseNameSchema,
    adminPassword: z.string().min(1).max(1024),
    makeDefault: z.boolean().default(false).describe('Make it the default for new apps.'),
  }),
  result: z.object({ server: DatabaseServerSchema }),
});

export const ListDatabaseServers = defineRequest({
  method: 'databaseServers/list',
  kind: 'query',
  doc: 'Lists the registered PostgreSQL servers (never their passwords). Any caller.',
  params: z.object({}),
  result: z.object({ servers: z.array(DatabaseServerSchema) }),
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
  name: z.string(),
  owner: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  appId: IdSchema.nullable().describe('The app whose database it is, if any.'),
});
export type Database = z.infer<typeof DatabaseSchema>;

export const ListDatabases = defineRequest({
  method: 'databases/list',
  kind: 'query',
  doc: 'Lists the databases of a server with their sizes (templates excluded): all for agent administrators, else those of apps of projects the caller sees.',
  params: z.object({ serverId: IdSchema.describe('The server\u2019s id.') }),
  result: z.object({ databases: z.array(DatabaseSchema) }),
});

export const CreateDatabase = defineRequest({
  method: 'databases/create',
  kind: 'mutation',
  doc: 'Creates an empty UTF-8 database, owned by the admin role or by `owner`. Agent administrators only.',
  params: z.object({
    serverId: IdSchema.describe('The server\u2019s id.'),
    name: DatabaseNameSchema,
    owner: DatabaseNameSchema.optional().describe('An existing role to own it.'),
  }),
  result: z.object({ database: DatabaseSchema }),
});

export const DropDatabase = defineRequest({
  method: 'databases/drop',
  kind: 'mutation',
  doc: 'Drops a database after ending its sessions; refused for app databases (use `apps/destroy`). Agent administrators, or an Admin of the project whose app it is a copy of.',
  params: z.object({
    serverId: IdSchema.describe('The server\u2019s id.'),
    name: DatabaseNameSchema,
    confirmName: z.string().describe('Must equal `name`: the danger-zone confirmation.'),
  }),
  result: z.object({ name: z.string() }),
});

export const DuplicateDatabase = defineRequest({
  method: 'databases/duplicate',
  kind: 'mutation',
  doc: 'Copies a database (`CREATE DATABASE … TEMPLATE`), ending the source\u2019s sessions first. Agent administrators; or, with `app.backup` in its environment, an app\u2019s database into a target named `<source>_…`.',
  params: z.object({
    serverId: IdSchema.describe('The server\u2019s id.'),
    source: DatabaseNameSchema,
    target: DatabaseNameSchema,
  }),
  result: z.object({ database: DatabaseSchema }),
});
