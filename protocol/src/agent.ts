import { z } from 'zod';
import { defineRequest } from './define';
import { IdSchema, TimestampSchema } from './common';

/** A cheap round trip: checks liveness and measures latency. */
export const Ping = defineRequest({
  method: 'agent/ping',
  kind: 'query',
  doc: 'Answers at once with what it was sent and the agent time.',
  params: z.object({
    /** Echoed back unchanged; up to 64 KiB. */
    payload: z.string().max(65536).optional(),
  }),
  result: z.object({
    payload: z.string().optional(),
    /** The agent's clock when it answered. */
    time: TimestampSchema,
  }),
});

/** A machine that runs apps. The agent's own machine is registered at first start. */
export const ServerSchema = z.object({
  id: IdSchema,
  /** A display name, by default the host name. */
  name: z.string(),
  hostname: z.string(),
  /** Whether this is the machine the answering agent runs on. */
  local: z.boolean(),
  createdAt: TimestampSchema,
});
export type Server = z.infer<typeof ServerSchema>;

export const ListServers = defineRequest({
  method: 'servers/list',
  kind: 'query',
  doc: 'Lists the servers of the organization.',
  params: z.object({}),
  result: z.object({ servers: z.array(ServerSchema) }),
});
