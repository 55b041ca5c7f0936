import type { ContainerSample, ServerSample } from '@paas/protocol';

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, v) => sum + v, 0) / values.length;
}

function meanBytes(values: readonly number[]): number {
  return Math.round(mean(values));
}

type Rates = ContainerSample['network'];

function meanRates(rates: readonly Rates[]): Rates {
  return {
    rxBytesPerSecond: mean(rates.map((r) => r.rxBytesPerSecond)),
    txBytesPerSecond: mean(rates.map((r) => r.txBytesPerSecond)),
  };
}

function averageContainers(samples: readonly ContainerSample[], sampledAt: string): ContainerSample {
  const last = samples[samples.length - 1]!;
  return {
    ...last,
    cpuPercent: mean(samples.map((s) => s.cpuPercent)),
    memory: {
      usedBytes: meanBytes(samples.map((s) => s.memory.usedBytes)),
      limitBytes: last.memory.limitBytes,
    },
    network: meanRates(samples.map((s) => s.network)),
    sampledAt,
  };
}

/**
 * One sample standing for several (a minute's): rates, percentages, load and memory in use are averaged;
 * totals, addresses, disks, uptime and restart counts are the latest. A container appears when it ran
 * during any of the samples, averaged over the samples it appears in. `sampledAt` is the given time.
 */
export function averageServerSamples(samples: readonly ServerSample[], sampledAt: string): ServerSample {
  const last = samples[samples.length - 1];
  if (!last) throw new RangeError('no samples to average');
  const byContainer = new Map<string, ContainerSample[]>();
  for (const sample of samples) {
    for (const container of sample.containers) {
      const list = byContainer.get(container.containerId) ?? [];
      list.push(container);
      byContainer.set(container.containerId, list);
    }
  }
  const load = (i: 0 | 1 | 2): number => mean(samples.map((s) => s.load[i]));
  return {
    ...last,
    cpu: { percent: mean(samples.map((s) => s.cpu.percent)), cores: last.cpu.cores },
    load: [load(0), load(1), load(2)],
    memory: {
      usedBytes: meanBytes(samples.map((s) => s.memory.usedBytes)),
      totalBytes: last.memory.totalBytes,
    },
    network: meanRates(samples.map((s) => s.network)),
    containers: [...byContainer.values()].map((list) => averageContainers(list, sampledAt)),
    sampledAt,
  };
}
