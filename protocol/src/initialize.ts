import { z } from 'zod';
import { PermissionsSchema } from './access';
import { defineRequest } from './define';
import { IdSchema, UserSchema } from './common';
import { OrganizationSchema } from './organizations';

/** Who is on the other end of the connection. */
export const ClientInfoSchema = z.object({
  /** The client's name, e.g. `paas-vscode`. */
  name: z.string().min(1).max(100),
  /** The client's own version. */
  version: z.string().min(1).max(50),
});

/**
 * The handshake. It must be the first request on a connection; any other request before it fails with
 * `NotInitialized`. An incompatible major version fails with `IncompatibleVersion`, naming both versions.
 */
export const Initialize = defineRequest({
  method: 'initialize',
  kind: 'query',
  doc: 'Opens the session: checks protocol compatibility and tells the client who it is talking to.',
  params: z.object({
    /** The protocol version the client speaks (`major.minor.patch`). */
    protocolVersion: z.string().regex(/^\d+\.\d+\.\d+$/, 'must be major.minor.patch'),
    client: ClientInfoSchema,
  }),
  result: z.object({
    /** The protocol version the agent speaks. */
    protocolVersion: z.string(),
    agent: z.object({
      /** The agent's release version. */
      version: z.string(),
      /** The id of the server the agent runs on. */
      serverId: IdSchema,
    }),
    capabilities: z.object({
      /** Every request method the agent answers. */
      methods: z.array(z.string()),
      /** Every notification the agent may send. */
      notifications: z.array(z.string()),
      /**
       * The HTTP transfer routes the agent serves beside the WebSocket (see `transfers.ts`):
       * `backupDownload` (`GET /backups/<id>/download`) and `upload` (`PUT /uploads`). Absent from agents
       * older than protocol 1.1.
       */
      transfers: z.array(z.enum(['backupDownload', 'upload'])).optional(),
    }),
    caller: z.object({
      /** The name of the token the client authenticated with. */
      tokenName: z.string(),
      /** The user the token belongs to. */
      user: UserSchema,
      /** The organizations the user belongs to, with their role in each, oldest membership first. */
      organizations: z.array(OrganizationSchema),
      /**
       * The caller's permissions in their first organization, for clients to grey out what is not
       * allowed; absent when the user belongs to no organization yet. Per project, ask
       * `access/permissions`: collaborator grants can differ from the organization role.
       */
      permissions: PermissionsSchema.optional(),
      /**
       * Whether the user is an agent administrator: they own the agent-wide resources (database servers,
       * storages, the engine's reconcile report and server metrics), whatever their organization roles.
       * Absent from agents older than protocol 1.2.
       */
      agentAdministrator: z
        .boolean()
        .optional()
        .describe(
          'Whether the user is an agent administrator (database servers, storages, reconcile report, server metrics).',
        ),
    }),
  }),
});
