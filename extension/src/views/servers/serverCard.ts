import type { ServerSample } from '@paas/protocol';
import { formatAge, formatBytes, formatPercent } from '../format';

/** The disk that holds the data: `/` unless a larger data mount exists. */
function mainDisk(sample: ServerSample): ServerSample['disks'][number] | undefined {
  return [...sample.disks].sort((a, b) => b.totalBytes - a.totalBytes)[0];
}

/** `CPU 12% · RAM 3.1 GB/7.8 GB · Disk 41%`: the Servers view description. */
export function metricsSummary(sample: ServerSample): string {
  const disk = mainDisk(sample);
  const parts = [
    `CPU ${formatPercent(sample.cpu.percent)}`,
    `RAM ${formatBytes(sample.memory.usedBytes)}/${formatBytes(sample.memory.totalBytes)}`,
  ];
  // df's Use%: reserved blocks count neither as used nor as available.
  if (disk)
    parts.push(
      `Disk ${formatPercent((100 * disk.usedBytes) / Math.max(1, disk.usedBytes + disk.availableBytes))}`,
    );
  return parts.join(' · ');
}

/** The dashboard's server card as tooltip lines: IP, CPU and cores, RAM, disks, last collection time. */
export function metricsCard(sample: ServerSample, now = Date.now()): string[] {
  const lines = [
    `IP: ${sample.ipAddresses.join(', ') || '—'}`,
    `CPU: ${formatPercent(sample.cpu.percent)} of ${sample.cpu.cores} cores (load ${sample.load.map((l) => l.toFixed(2)).join(' ')})`,
    `RAM: ${formatBytes(sample.memory.usedBytes)} of ${formatBytes(sample.memory.totalBytes)} (${formatPercent((100 * sample.memory.usedBytes) / Math.max(1, sample.memory.totalBytes))})`,
  ];
  for (const disk of sample.disks)
    lines.push(
      `Disk ${disk.mount}: ${formatBytes(disk.usedBytes)} of ${formatBytes(disk.totalBytes)}, ${formatBytes(disk.availableBytes)} available`,
    );
  lines.push(`Apps' containers: ${sample.containers.length}`);
  lines.push(`Collected: ${sample.sampledAt} (${formatAge(sample.sampledAt, now)})`);
  return lines;
}
