import { createInterface } from 'node:readline';
import { totalmem } from 'node:os';
import type Dockerode from 'dockerode';
import type { CgroupCounters } from './cgroupStats';

/** The parts of Docker's stats JSON that the counters come from. */
interface StatsJson {
  cpu_stats?: { cpu_usage?: { total_usage?: number } };
  memory_stats?: { usage?: number; limit?: number; stats?: Record<string, number> };
  networks?: Record<string, { rx_bytes: number; tx_bytes: number }>;
}

/** Turns one Docker stats frame into counters the way `docker stats` reads it. */
export function countersOfStats(stats: StatsJson): CgroupCounters {
  const memory = stats.memory_stats ?? {};
  const inactive = memory.stats?.total_inactive_file ?? memory.stats?.inactive_file ?? 0;
  const networks = Object.values(stats.networks ?? {});
  return {
    cpuNanoseconds: stats.cpu_stats?.cpu_usage?.total_usage ?? 0,
    memoryUsedBytes: Math.max(0, (memory.usage ?? 0) - inactive),
    // Docker reports the host's memory as the limit of an unlimited container.
    memoryLimitBytes: memory.limit ?? totalmem(),
    networkRxBytes: networks.reduce((sum, n) => sum + n.rx_bytes, 0),
    networkTxBytes: networks.reduce((sum, n) => sum + n.tx_bytes, 0),
  };
}

/**
 * The fallback when a container's cgroup files cannot be read: ONE streaming stats subscription that
 * Docker feeds every second, keeping only the latest frame. A one-shot `stats()` call costs about a
 * second per container, so it is never used per sample.
 */
export class StatsStream {
  private latest: CgroupCounters | undefined;
  private stream: NodeJS.ReadableStream | undefined;
  private closed = false;

  constructor(private readonly container: Dockerode.Container) {}

  /** Opens the subscription and waits for its first frame. */
  async open(): Promise<void> {
    const stream = await this.container.stats({ stream: true });
    this.stream = stream;
    if (this.closed) return this.close();
    const lines = createInterface({ input: stream as NodeJS.ReadableStream & AsyncIterable<string> });
    const first = new Promise<void>((resolve) => {
      lines.on('line', (line) => {
        try {
          this.latest = countersOfStats(JSON.parse(line) as StatsJson);
        } catch {
          return; // a blank or torn line; the next frame follows within a second
        }
        resolve();
      });
      lines.once('close', () => {
        this.latest = undefined;
        resolve();
      });
    });
    await first;
  }

  /** The counters of the latest frame, or undefined before the first one or after the stream ended. */
  get counters(): CgroupCounters | undefined {
    return this.latest;
  }

  close(): void {
    this.closed = true;
    const stream = this.stream as (NodeJS.ReadableStream & { destroy?: () => void }) | undefined;
    stream?.destroy?.();
  }
}
