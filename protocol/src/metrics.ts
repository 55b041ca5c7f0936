import { z } from 'zod';
import { defineNotification, defineRequest } from './define';
import { IdSchema, TimestampSchema } from './common';

/** What the figures of a sample mean, for the protocol README (Markdown lines). */
export const METRICS_MEANING = [
  "- **Server `cpu.percent`**: the busy share of all the host's cores (every process on the host, not only",
  "  containers) between two samples, from the kernel's CPU times (user, nice, system, irq over all): 0–100.",
  '- **Container / app `cpuPercent`**: CPU time the container used between two samples, 100 = one full core',
  '  (as `docker stats` shows it); an app sums its containers.',
  "- **Server `memory.usedBytes`**: total − available (the kernel's MemAvailable: free memory plus the cache it",
  "  can reclaim), as `free` shows it; `totalBytes` is the host's RAM.",
  '- **Container `memory.usedBytes`**: resident memory without the reclaimable page cache (as `docker stats`);',
  "  `limitBytes` is its limit, or the host's RAM when it has none.",
  '- **`disks`**: every real filesystem mounted on the host (overlays, tmpfs and other pseudo filesystems left',
  '  out; a device mounted twice once, at its shortest mount point), read with statfs at each sample and',
  '  counted as `df` counts: `totalBytes` = Size, `usedBytes` = Used (size − free blocks),',
  '  `availableBytes` = Avail (what is left for non-root writers: less than size − used by the reserved blocks).',
  "- **`network`**: bytes per second through the host's physical interfaces (loopback and container bridges",
  "  left out) or the container's interfaces, averaged since the previous sample.",
  "- **`load`**: the kernel's 1, 5 and 15 minute load averages; **`sampledAt`**: when every figure was read.",
];

/** What to sample: the whole server (with every container the agent manages on it), or one app. */
export const MetricsTargetSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('server').describe('Which variant this is: `server`.'),
    serverId: IdSchema.describe("The server to sample; must be the answering agent's own server."),
  }),
  z.object({
    kind: z.literal('app').describe('Which variant this is: `app`.'),
    appId: IdSchema.describe(
      'The app whose running containers (labelled `sh.paas.app=<appId>`) are sampled.',
    ),
  }),
]);
export type MetricsTarget = z.infer<typeof MetricsTargetSchema>;

const BytesSchema = z.number().int().nonnegative();
const RateSchema = z.number().nonnegative();

/** Network throughput, averaged over the time since the previous sample. */
export const NetworkRatesSchema = z.object({
  rxBytesPerSecond: RateSchema.describe('Bytes received per second since the previous sample.'),
  txBytesPerSecond: RateSchema.describe('Bytes sent per second since the previous sample.'),
});

/** One container's figures. */
export const ContainerSampleSchema = z.object({
  containerId: z.string().describe('The Docker container id (64 hex digits).'),
  name: z.string().describe('The Docker container name, without the leading slash.'),
  appId: IdSchema.nullable().describe(
    'The app the container runs (its `sh.paas.app` label), or null when it has none.',
  ),
  cpuPercent: z
    .number()
    .nonnegative()
    .describe('CPU used since the previous sample, where 100 is one full core (as `docker stats` shows it).'),
  memory: z
    .object({
      usedBytes: BytesSchema.describe(
        'Resident memory, without the reclaimable page cache (as `docker stats` counts it).',
      ),
      limitBytes: BytesSchema.describe(
        "The container's memory limit, or the server's memory when the container has none.",
      ),
    })
    .describe('Memory of the container, in bytes.'),
  network: NetworkRatesSchema.describe(
    'Network throughput, averaged over the time since the previous sample.',
  ),
  restarts: z.number().int().nonnegative().describe('How often Docker restarted the container.'),
  sampledAt: TimestampSchema.describe('When the figures were read.'),
});
export type ContainerSample = z.infer<typeof ContainerSampleSchema>;

/**
 * A mounted filesystem that holds data, read with statfs at the sample's time and counted as `df` counts:
 * container overlays, tmpfs and pseudo filesystems are left out, and a device mounted twice appears once.
 */
export const DiskSampleSchema = z.object({
  mount: z.string().describe('Where the filesystem is mounted, its shortest mount point (e.g. `/`).'),
  usedBytes: BytesSchema.describe(
    "Blocks in use: size − free blocks (df's Used). Reserved blocks are not counted as used.",
  ),
  totalBytes: BytesSchema.describe("The filesystem's size (df's Size)."),
  availableBytes: BytesSchema.describe(
    "What unprivileged writers can still use (df's Avail): smaller than size − used by the blocks reserved for root.",
  ),
});

/** The server card: the host's figures, plus every container the agent manages on it. */
export const ServerSampleSchema = z.object({
  kind: z.literal('server').describe('Which variant this is: `server`.'),
  serverId: IdSchema.describe('The server\u2019s id.'),
  hostname: z.string().describe("The host's name, as the operating system reports it."),
  ipAddresses: z
    .array(z.string())
    .describe("The host's IPv4 and IPv6 addresses, loopback and container bridges left out."),
  cpu: z
    .object({
      percent: z
        .number()
        .min(0)
        .max(100)
        .describe('Busy share of all cores since the previous sample, 0–100.'),
      cores: z.number().int().positive().describe('Logical cores.'),
    })
    .describe("The host's CPU: every process on it, not only containers."),
  load: z.tuple([z.number(), z.number(), z.number()]).describe('Load averages over 1, 5 and 15 minutes.'),
  memory: z
    .object({
      usedBytes: BytesSchema.describe(
        'Memory in use: total minus what is available (free, reclaimable cache).',
      ),
      totalBytes: BytesSchema.describe("The host's RAM in bytes."),
    })
    .describe("The host's memory, as `free` counts it."),
  disks: z
    .array(DiskSampleSchema)
    .describe(
      "A mounted filesystem that holds data, read with statfs at the sample's time and counted as `df` counts: container overlays, tmpfs and pseudo filesystems are left out, and a device mounted twice appears once.",
    ),
  network: NetworkRatesSchema.describe(
    'Traffic of the physical interfaces (loopback and container bridges left out).',
  ),
  uptimeSeconds: z.number().nonnegative().describe('Seconds since the host booted.'),
  containers: z.array(ContainerSampleSchema).describe('The managed containers running on the server.'),
  sampledAt: TimestampSchema.describe('When the figures were read.'),
});
export type ServerSample = z.infer<typeof ServerSampleSchema>;

/**
 * An app's figures: the sums over its running containers (two run side by side during an update), and
 * each container's own figures. An app with no running container has `running: false` and zero figures.
 */
export const AppSampleSchema = z.object({
  kind: z.literal('app').describe('Which variant this is: `app`.'),
  appId: IdSchema.describe('The app\u2019s id.'),
  running: z.boolean().describe("Whether at least one of the app's containers runs."),
  cpuPercent: z.number().nonnegative().describe("The sum over the app's containers; 100 is one full core."),
  memory: z
    .object({
      usedBytes: BytesSchema.describe("The sum of the containers' resident memory, in bytes."),
      limitBytes: BytesSchema.describe("The sum of the containers' memory limits, in bytes."),
    })
    .describe("The app's memory: sums over its running containers."),
  network: NetworkRatesSchema.describe(
    'Network throughput, averaged over the time since the previous sample.',
  ),
  restarts: z.number().int().nonnegative().describe("The sum of the containers' restart counts."),
  containers: z.array(ContainerSampleSchema).describe("One container's figures."),
  sampledAt: TimestampSchema.describe('When the figures were read.'),
});
export type AppSample = z.infer<typeof AppSampleSchema>;

/** A sample of either target kind; `kind` matches the target's. */
export const MetricsSampleSchema = z.discriminatedUnion('kind', [ServerSampleSchema, AppSampleSchema]);
export type MetricsSample = z.infer<typeof MetricsSampleSchema>;

/** Seconds between samples: a whole number from 1 to 60. */
export const MetricsIntervalSchema = z.number().int('must be a whole number of seconds').min(1).max(60);

/**
 * Starts pushing samples to this connection. Many clients share one sampler per interval; sampling stops
 * when the last subscription ends (by `metrics/unsubscribe` or by the connection closing).
 */
export const SubscribeMetrics = defineRequest({
  method: 'metrics/subscribe',
  kind: 'query',
  doc: 'Subscribes this connection to `metrics/didSample` notifications for a server or an app.',
  params: z.object({
    target: MetricsTargetSchema.describe(
      'What to sample: the whole server (with every container the agent manages on it), or one app.',
    ),
    intervalSeconds: MetricsIntervalSchema.describe('Seconds between samples, 1–60.'),
  }),
  result: z.object({
    subscriptionId: IdSchema.describe(
      'Names the subscription in notifications and in `metrics/unsubscribe`.',
    ),
  }),
});

/** Ends a subscription of this connection; no notification for it is sent afterwards. */
export const UnsubscribeMetrics = defineRequest({
  method: 'metrics/unsubscribe',
  kind: 'query',
  doc: 'Ends one of this connection’s metrics subscriptions.',
  params: z.object({
    subscriptionId: IdSchema.describe(
      'The id `metrics/subscribe` returned; one of another connection answers NotFound.',
    ),
  }),
  result: z.object({}),
});

/** History resolution: every sample taken (the last hour), or one average per minute (the last day). */
export const MetricsResolutionSchema = z.enum(['sample', 'minute']);

/**
 * Recent samples for sparklines. History holds what was sampled while someone subscribed (or always,
 * when the agent runs with `metricsHistoryAlways`): at `sample` resolution the last hour at the fastest
 * subscribed interval, at `minute` resolution one average per minute for the last day.
 */
export const MetricsHistory = defineRequest({
  method: 'metrics/history',
  kind: 'query',
  doc: 'Returns the recent samples of a server or an app, oldest first, for sparklines.',
  params: z.object({
    target: MetricsTargetSchema.describe(
      'What to sample: the whole server (with every container the agent manages on it), or one app.',
    ),
    resolution: MetricsResolutionSchema.default('sample').describe(
      '`sample`: every sample of the last hour; `minute`: one average per minute of the last day. Default `sample`.',
    ),
    since: TimestampSchema.optional().describe('Only samples taken after this time.'),
  }),
  result: z.object({ samples: z.array(MetricsSampleSchema).describe('The samples, oldest first.') }),
});

/** A sample for one subscription of the receiving connection. */
export const DidSampleMetrics = defineNotification({
  method: 'metrics/didSample',
  direction: 'agentToClient',
  doc: 'A new sample for one of the connection’s metrics subscriptions.',
  params: z.object({
    subscriptionId: IdSchema.describe('The subscription the sample is for.'),
    target: MetricsTargetSchema.describe(
      'What to sample: the whole server (with every container the agent manages on it), or one app.',
    ),
    sample: MetricsSampleSchema.describe("A sample of either target kind; `kind` matches the target's."),
  }),
});
