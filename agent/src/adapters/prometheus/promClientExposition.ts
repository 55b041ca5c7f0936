import { Counter, Gauge, Registry } from 'prom-client';
import type { ContainerSnapshot } from '../docker/containerProbe';
import type { HostSnapshot } from '../host/probe';
import type { PrometheusExposition, ScrapeFigures } from './exposition';

const CONTAINER_LABELS = ['container_id', 'name', 'app'] as const;

type HostValue = (host: HostSnapshot) => number;
type ContainerValue = (container: ContainerSnapshot) => number;

/** One-value host metrics: name, help, type and where the value comes from. */
const HOST_METRICS: readonly [string, string, 'gauge' | 'counter', HostValue][] = [
  ['paas_host_cpu_cores', 'Logical CPU cores.', 'gauge', (h) => h.cores],
  ['paas_host_load1', 'Load average over 1 minute.', 'gauge', (h) => h.load[0]],
  ['paas_host_load5', 'Load average over 5 minutes.', 'gauge', (h) => h.load[1]],
  ['paas_host_load15', 'Load average over 15 minutes.', 'gauge', (h) => h.load[2]],
  [
    'paas_host_memory_used_bytes',
    'Memory in use (total minus available).',
    'gauge',
    (h) => h.memoryUsedBytes,
  ],
  ['paas_host_memory_total_bytes', 'Memory installed.', 'gauge', (h) => h.memoryTotalBytes],
  [
    'paas_host_network_receive_bytes_total',
    'Bytes received by physical interfaces.',
    'counter',
    (h) => h.networkRxBytes,
  ],
  [
    'paas_host_network_transmit_bytes_total',
    'Bytes sent by physical interfaces.',
    'counter',
    (h) => h.networkTxBytes,
  ],
  ['paas_host_uptime_seconds', 'Seconds since boot.', 'gauge', (h) => h.uptimeSeconds],
];

const CONTAINER_METRICS: readonly [string, string, 'gauge' | 'counter', ContainerValue][] = [
  [
    'paas_container_cpu_seconds_total',
    'CPU time used (100% of a core is 1 per second).',
    'counter',
    (c) => c.cpuNanoseconds / 1e9,
  ],
  [
    'paas_container_memory_used_bytes',
    'Memory in use without reclaimable page cache.',
    'gauge',
    (c) => c.memoryUsedBytes,
  ],
  [
    'paas_container_memory_limit_bytes',
    'Memory limit (the host memory when unlimited).',
    'gauge',
    (c) => c.memoryLimitBytes,
  ],
  ['paas_container_network_receive_bytes_total', 'Bytes received.', 'counter', (c) => c.networkRxBytes],
  ['paas_container_network_transmit_bytes_total', 'Bytes sent.', 'counter', (c) => c.networkTxBytes],
  ['paas_container_restarts_total', 'Restarts by Docker.', 'counter', (c) => c.restarts],
];

type Metric = Gauge<string> | Counter<string>;

/** Sets a metric to an absolute value; counters come cumulative from the kernel, so they are reset first. */
function put(metric: Metric, labels: Record<string, string>, value: number): void {
  if (metric instanceof Gauge) metric.set(labels, value);
  else metric.inc(labels, value);
}

/**
 * The exposition through prom-client (escaping, HELP/TYPE lines and the content type done by a
 * well-kept library). Values are set from a fresh reading at each scrape, and every metric is reset
 * first, so a container that stopped vanishes from the next scrape.
 */
export class PromClientExposition implements PrometheusExposition {
  private readonly registry = new Registry();
  private readonly info: Gauge<string>;
  private readonly cpu: Counter<string>;
  private readonly disks: Gauge<string>[];
  private readonly host: [Metric, HostValue][];
  private readonly containers: [Metric, ContainerValue][];

  constructor() {
    const registers = [this.registry];
    const make = (name: string, help: string, type: 'gauge' | 'counter', labelNames: readonly string[]) =>
      type === 'gauge'
        ? new Gauge({ name, help, labelNames, registers })
        : new Counter({ name, help, labelNames, registers });
    this.info = new Gauge({
      name: 'paas_host_info',
      help: 'The server; always 1.',
      labelNames: ['server_id', 'hostname'],
      registers,
    });
    this.cpu = new Counter({
      name: 'paas_host_cpu_seconds_total',
      help: 'CPU time of all cores by mode.',
      labelNames: ['mode'],
      registers,
    });
    this.disks = ['used', 'total', 'available'].map(
      (what) =>
        new Gauge({
          name: `paas_host_disk_${what}_bytes`,
          help: `Disk bytes ${what}, as df counts them.`,
          labelNames: ['mount'],
          registers,
        }),
    );
    this.host = HOST_METRICS.map(([name, help, type, value]) => [make(name, help, type, []), value]);
    this.containers = CONTAINER_METRICS.map(([name, help, type, value]) => [
      make(name, help, type, CONTAINER_LABELS),
      value,
    ]);
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  render(figures: ScrapeFigures): Promise<string> {
    this.registry.resetMetrics();
    const { host } = figures;
    this.info.set({ server_id: figures.serverId, hostname: host.hostname }, 1);
    this.cpu.inc({ mode: 'busy' }, host.cpuBusyMs / 1000);
    this.cpu.inc({ mode: 'idle' }, (host.cpuTotalMs - host.cpuBusyMs) / 1000);
    for (const disk of figures.disks) {
      this.disks[0]!.set({ mount: disk.mount }, disk.usedBytes);
      this.disks[1]!.set({ mount: disk.mount }, disk.totalBytes);
      this.disks[2]!.set({ mount: disk.mount }, disk.availableBytes);
    }
    for (const [metric, value] of this.host) put(metric, {}, value(host));
    for (const container of figures.containers) {
      const labels = {
        container_id: container.containerId,
        name: container.name,
        app: container.appId ?? '',
      };
      for (const [metric, value] of this.containers) put(metric, labels, value(container));
    }
    return this.registry.metrics();
  }
}
