import { z } from 'zod';
import { defineRequest } from './define';
import { IdSchema, TimestampSchema } from './common';

/** A cheap round trip: checks liveness and measures latency. */
export const Ping = defineRequest({
  method: 'agent/ping',
  kind: 'query',
  doc: 'Answers at once with what it was sent and the agent time.',
  params: z.object({
    payload: z.string().max(65536).optional().describe('Echoed back unchanged; up to 64 KiB.'),
  }),
  result: z.object({
    payload: z.string().optional().describe('The `payload` that was sent, if any.'),
    time: TimestampSchema.describe('The agent\u2019s clock when it answered (ISO 8601 UTC).'),
  }),
});

/** A machine that runs apps. The agent's own machine is registered at first start. */
export const ServerSchema = z.object({
  id: IdSchema.describe('The server\u2019s id.'),
  name: z.string().describe('A display name, by default the host name.'),
  hostname: z.string().describe('The machine\u2019s host name.'),
  local: z.boolean().describe('Whether this is the machine the answering agent runs on.'),
  createdAt: TimestampSchema.describe('When it was registered (ISO 8601 UTC).'),
});
export type Server = z.infer<typeof ServerSchema>;

export const ListServers = defineRequest({
  method: 'servers/list',
  kind: 'query',
  doc: 'Lists the servers of the organization.',
  params: z.object({}),
  result: z.object({ servers: z.array(ServerSchema).describe('The organization\u2019s servers.') }),
});
