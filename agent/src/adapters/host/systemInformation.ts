import { readFile, statfs } from 'node:fs/promises';
import { cpus, hostname, loadavg, uptime } from 'node:os';
import si from 'systeminformation';
import { HostProbeError, type HostProbe, type HostSnapshot, type MountedFilesystem } from './probe';

/** Interfaces that carry no traffic of the host's own: loopback, Docker bridges and container veths. */
const NOT_PHYSICAL = /^(lo|docker\d*|br-.*|veth.*|virbr\d*)$/;

interface Interfaces {
  readonly names: readonly string[];
  readonly ipAddresses: readonly string[];
}

/** A value refreshed in the background once stale, so only the very first read waits for the slow call. */
class Cached<T> {
  private value: Promise<T> | undefined;
  private readAt = 0;

  constructor(
    private readonly read: () => Promise<T>,
    private readonly maxAgeMs: number,
  ) {}

  get(): Promise<T> {
    const now = Date.now();
    if (!this.value) {
      this.value = this.read();
      this.readAt = now;
      // A failed first read is retried on the next call rather than cached.
      this.value.catch(() => (this.value = undefined));
    } else if (now - this.readAt > this.maxAgeMs) {
      this.readAt = now;
      const next = this.read();
      next.then(
        () => (this.value = next),
        () => undefined,
      );
    }
    return this.value;
  }
}

async function readInterfaces(): Promise<Interfaces> {
  const list = await si.networkInterfaces();
  const physical = (Array.isArray(list) ? list : [list]).filter(
    (i) => !i.internal && !NOT_PHYSICAL.test(i.iface),
  );
  return {
    names: physical.map((i) => i.iface),
    ipAddresses: physical.flatMap((i) => [i.ip4, i.ip6]).filter((ip) => ip !== ''),
  };
}

/** Where a filesystem is mounted; its sizes are read afresh with every snapshot. */
type Mount = Pick<MountedFilesystem, 'device' | 'type' | 'mount'>;

async function readMounts(): Promise<Mount[]> {
  const list = await si.fsSize();
  return list.map((f) => ({ device: f.fs, type: f.type, mount: f.mount }));
}

/**
 * One statfs per mount (microseconds, no process spawned), counted as coreutils' `df` counts: used blocks
 * are the ones not free, and available ones exclude those reserved for root. A mount gone since the list
 * was read is left out.
 */
async function sizesOf(mounts: readonly Mount[]): Promise<MountedFilesystem[]> {
  const sized = await Promise.all(
    mounts.map(async (m) => {
      const s = await statfs(m.mount).catch(() => undefined);
      if (!s) return undefined;
      return {
        ...m,
        totalBytes: s.blocks * s.bsize,
        usedBytes: (s.blocks - s.bfree) * s.bsize,
        availableBytes: s.bavail * s.bsize,
      };
    }),
  );
  return sized.filter((m) => m !== undefined);
}

async function readCounter(path: string): Promise<number> {
  return Number((await readFile(path, 'utf8')).trim());
}

/**
 * Reads the host through systeminformation (memory, mounts, interfaces) and Node's `os` (CPU times,
 * load, uptime). Network interfaces take 110–160 ms to list and `fsSize` runs `df`, so both lists are
 * cached; filesystem sizes come from statfs and interface byte counters straight from sysfs with every
 * snapshot, so no figure is older than its sample.
 */
export class SystemInformationProbe implements HostProbe {
  private readonly interfaces = new Cached(readInterfaces, 5 * 60_000);
  private readonly mounts = new Cached(readMounts, 60_000);

  async snapshot(): Promise<HostSnapshot> {
    try {
      const [interfaces, filesystems, memory] = await Promise.all([
        this.interfaces.get(),
        this.mounts.get().then(sizesOf),
        si.mem(),
      ]);
      const traffic = await this.traffic(interfaces.names);
      const times = cpus().map((c) => c.times);
      const busy = times.reduce((sum, t) => sum + t.user + t.nice + t.sys + t.irq, 0);
      const [one = 0, five = 0, fifteen = 0] = loadavg();
      return {
        hostname: hostname(),
        ipAddresses: interfaces.ipAddresses,
        cores: times.length,
        cpuBusyMs: busy,
        cpuTotalMs: times.reduce((sum, t) => sum + t.user + t.nice + t.sys + t.irq + t.idle, 0),
        load: [one, five, fifteen],
        memoryUsedBytes: memory.total - memory.available,
        memoryTotalBytes: memory.total,
        filesystems,
        networkRxBytes: traffic.rx,
        networkTxBytes: traffic.tx,
        uptimeSeconds: uptime(),
      };
    } catch (error) {
      throw new HostProbeError('cannot read the host figures', { cause: error });
    }
  }

  private async traffic(names: readonly string[]): Promise<{ rx: number; tx: number }> {
    const counters = await Promise.all(
      names.map(async (name) => {
        const base = `/sys/class/net/${name}/statistics`;
        // An interface can vanish between listing and reading; it then counts as silent.
        const read = (file: string): Promise<number> => readCounter(`${base}/${file}`).catch(() => 0);
        return { rx: await read('rx_bytes'), tx: await read('tx_bytes') };
      }),
    );
    return counters.reduce((sum, c) => ({ rx: sum.rx + c.rx, tx: sum.tx + c.tx }), { rx: 0, tx: 0 });
  }
}
