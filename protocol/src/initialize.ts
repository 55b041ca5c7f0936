import { z } from 'zod';
import { PermissionsSchema } from './access';
import { defineRequest } from './define';
import { IdSchema, UserSchema } from './common';
import { OrganizationSchema } from './organizations';

/** Who is on the other end of the connection. */
export const ClientInfoSchema = z.object({
  name: z.string().min(1).max(100).describe("The client's name, e.g. `paas-vscode`."),
  version: z.string().min(1).max(50).describe("The client's own version."),
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
    protocolVersion: z
      .string()
      .regex(/^\d+\.\d+\.\d+$/, 'must be major.minor.patch')
      .describe('The protocol version the client speaks (`major.minor.patch`).'),
    client: ClientInfoSchema.describe('Who is on the other end of the connection.'),
  }),
  result: z.object({
    protocolVersion: z.string().describe('The protocol version the agent speaks.'),
    agent: z.object({
      version: z.string().describe("The agent's release version."),
      serverId: IdSchema.describe('The id of the server the agent runs on.'),
    }),
    capabilities: z.object({
      methods: z.array(z.string()).describe('Every request method the agent answers.'),
      notifications: z.array(z.string()).describe('Every notification the agent may send.'),
      transfers: z
        .array(z.enum(['backupDownload', 'upload']))
        .optional()
        .describe(
          'The HTTP transfer routes the agent serves beside the WebSocket (see `transfers.ts`): `backupDownload` (`GET /backups/<id>/download`) and `upload` (`PUT /uploads`). Absent from agents older than protocol 1.1.',
        ),
      runners: z
        .boolean()
        .optional()
        .describe(
          'Whether this agent runs playbooks (`runners/run`; its `runnersEnabled` setting): clients show the Runners screen only when it is true. Absent from agents that predate it, which count as off.',
        ),
    }),
    caller: z.object({
      tokenName: z.string().describe('The name of the token the client authenticated with.'),
      user: UserSchema.describe('The user the token belongs to.'),
      organizations: z
        .array(OrganizationSchema)
        .describe('The organizations the user belongs to, with their role in each, oldest membership first.'),
      permissions: PermissionsSchema.optional().describe(
        "The caller's permissions in their first organization, for clients to grey out what is not allowed; absent when the user belongs to no organization yet. Per project, ask `access/permissions`: collaborator grants can differ from the organization role.",
      ),
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
