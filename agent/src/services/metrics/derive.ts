import type { AppSample, ContainerSample, ServerSample } from '@paas/protocol';
import { IdSchema } from '@paas/protocol';
import type { ContainerSnapshot } from '../../adapters/docker/containerProbe';
import type { HostSnapshot } from '../../adapters/host/probe';
import { dataDisks } from './mounts';

/** Everything read at one tick: counters and current values, before any rate is computed. */
export interface RawSample {
  /** A monotonic clock reading in milliseconds, for the time between two samples. */
  readonly atMs: number;
  readonly sampledAt: string;
  readonly host: HostSnapshot;
  readonly containers: readonly ContainerSnapshot[];
}

/** Per-second rate of a cumulative counter; 0 when it went backwards (a restart reset it) or no time passed. */
export function ratePerSecond(previous: number, current: number, seconds: number): number {
  if (!(seconds > 0) || current < previous) return 0;
  return (current - previous) / seconds;
}

function containerSample(
  current: ContainerSnapshot,
  previous: ContainerSnapshot | undefined,
  seconds: number,
  sampledAt: string,
): ContainerSample {
  // A container seen for the first time has no previous counters: its rates start at 0.
  const before = previous ?? current;
  return {
    containerId: current.containerId,
    name: current.name,
    appId: IdSchema.safeParse(current.appId).success ? current.appId : null,
    cpuPercent: (ratePerSecond(before.cpuNanoseconds, current.cpuNanoseconds, seconds) / 1e9) * 100,
    memory: { usedBytes: current.memoryUsedBytes, limitBytes: current.memoryLimitBytes },
    network: {
      rxBytesPerSecond: ratePerSecond(before.networkRxBytes, current.networkRxBytes, seconds),
      txBytesPerSecond: ratePerSecond(before.networkTxBytes, current.networkTxBytes, seconds),
    },
    restarts: current.restarts,
    sampledAt,
  };
}

/** The figures of every container in `current`, with rates since `previous` (undefined: the first tick). */
export function containerSamples(previous: RawSample | undefined, current: RawSample): ContainerSample[] {
  const seconds = previous ? (current.atMs - previous.atMs) / 1000 : 0;
  const before = new Map(previous?.containers.map((c) => [c.containerId, c]));
  return current.containers.map((c) =>
    containerSample(c, before.get(c.containerId), seconds, current.sampledAt),
  );
}

/** The server card from two raw samples, with `containers` already derived. */
export function serverSample(
  serverId: string,
  previous: RawSample | undefined,
  current: RawSample,
  containers: ContainerSample[],
): ServerSample {
  const { host } = current;
  const before = previous?.host ?? host;
  const seconds = previous ? (current.atMs - previous.atMs) / 1000 : 0;
  const total = host.cpuTotalMs - before.cpuTotalMs;
  const busy = host.cpuBusyMs - before.cpuBusyMs;
  return {
    kind: 'server',
    serverId,
    hostname: host.hostname,
    ipAddresses: [...host.ipAddresses],
    cpu: { percent: total > 0 ? Math.min(100, Math.max(0, (busy / total) * 100)) : 0, cores: host.cores },
    load: [...host.load],
    memory: { usedBytes: host.memoryUsedBytes, totalBytes: host.memoryTotalBytes },
    disks: dataDisks(host.filesystems),
    network: {
      rxBytesPerSecond: ratePerSecond(before.networkRxBytes, host.networkRxBytes, seconds),
      txBytesPerSecond: ratePerSecond(before.networkTxBytes, host.networkTxBytes, seconds),
    },
    uptimeSeconds: host.uptimeSeconds,
    containers,
    sampledAt: current.sampledAt,
  };
}

/** An app's figures: sums over its containers among `containers`. */
export function appSample(
  appId: string,
  containers: readonly ContainerSample[],
  sampledAt: string,
): AppSample {
  const own = containers.filter((c) => c.appId === appId);
  const sum = (figure: (c: ContainerSample) => number): number =>
    own.reduce((total, c) => total + figure(c), 0);
  return {
    kind: 'app',
    appId,
    running: own.length > 0,
    cpuPercent: sum((c) => c.cpuPercent),
    memory: { usedBytes: sum((c) => c.memory.usedBytes), limitBytes: sum((c) => c.memory.limitBytes) },
    network: {
      rxBytesPerSecond: sum((c) => c.network.rxBytesPerSecond),
      txBytesPerSecond: sum((c) => c.network.txBytesPerSecond),
    },
    restarts: sum((c) => c.restarts),
    containers: own,
    sampledAt,
  };
}
