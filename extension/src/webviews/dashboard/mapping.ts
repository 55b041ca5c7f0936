import { SPARKLINE_POINTS } from '../messages/constants';
import type { ServerCardView } from '../messages/dashboard';

/**
 * The fields of the metrics protocol's server sample (`ServerSample`, metrics/didSample and
 * metrics/history) the card shows. Structural, so the real type is accepted once it lands on main.
 */
export interface ServerSampleLike {
  serverId: string;
  hostname: string;
  ipAddresses: string[];
  cpu: { percent: number; cores: number };
  memory: { usedBytes: number; totalBytes: number };
  disks: { mount: string; usedBytes: number; totalBytes: number }[];
  sampledAt: string;
}

/** A server sample as the dashboard's server card. */
export function toServerCard(sample: ServerSampleLike): ServerCardView {
  return {
    serverId: sample.serverId,
    hostname: sample.hostname,
    ipAddresses: sample.ipAddresses,
    cpu: { percent: sample.cpu.percent, cores: sample.cpu.cores },
    memory: { usedBytes: sample.memory.usedBytes, totalBytes: sample.memory.totalBytes },
    disks: sample.disks.map((d) => ({ mount: d.mount, usedBytes: d.usedBytes, totalBytes: d.totalBytes })),
    sampledAt: sample.sampledAt,
  };
}

/** The sparkline's points from `metrics/history` samples (oldest first): the latest CPU percentages. */
export function cpuHistoryOf(samples: readonly ServerSampleLike[]): number[] {
  return samples.slice(-SPARKLINE_POINTS).map((s) => s.cpu.percent);
}
