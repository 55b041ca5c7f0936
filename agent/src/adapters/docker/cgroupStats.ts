import { readFile } from 'node:fs/promises';
import { totalmem } from 'node:os';

/** Where one container's counters live; found once, when the container starts. */
export interface CgroupFiles {
  readonly version: 1 | 2;
  /** v1: `cpuacct.usage` (ns); v2: `cpu.stat` (`usage_usec`). */
  readonly cpu: string;
  /** v1: `memory.usage_in_bytes`; v2: `memory.current`. */
  readonly memoryUsage: string;
  /** v1: `memory.limit_in_bytes`; v2: `memory.max`. */
  readonly memoryLimit: string;
  readonly memoryStat: string;
  /** The container's init process's view of its network interfaces. */
  readonly netDev: string;
}

export interface CgroupCounters {
  readonly cpuNanoseconds: number;
  readonly memoryUsedBytes: number;
  /** The cgroup limit, or the host's memory when the container has none. */
  readonly memoryLimitBytes: number;
  readonly networkRxBytes: number;
  readonly networkTxBytes: number;
}

const ROOT = '/sys/fs/cgroup';

/**
 * Finds a process's cgroup files from `/proc/<pid>/cgroup`, for v1 (`N:cpuacct:/docker/<id>`, whatever the
 * cgroup driver) and v2 (`0::/system.slice/docker-<id>.scope`). Hybrid hosts use their v1 controllers.
 */
export function cgroupFilesOf(pid: number, procCgroup: string): CgroupFiles | undefined {
  const lines = procCgroup.split('\n').map((line) => line.split(':'));
  const v1 = (controller: string) =>
    lines.find(([, controllers]) => controllers?.split(',').includes(controller));
  const cpu = v1('cpuacct');
  const memory = v1('memory');
  const netDev = `/proc/${pid}/net/dev`;
  if (cpu && memory) {
    const cpuDir = `${ROOT}/${cpu[1]}${cpu.slice(2).join(':')}`;
    const memoryDir = `${ROOT}/memory${memory.slice(2).join(':')}`;
    return {
      version: 1,
      cpu: `${cpuDir}/cpuacct.usage`,
      memoryUsage: `${memoryDir}/memory.usage_in_bytes`,
      memoryLimit: `${memoryDir}/memory.limit_in_bytes`,
      memoryStat: `${memoryDir}/memory.stat`,
      netDev,
    };
  }
  const unified = lines.find(([hierarchy, controllers]) => hierarchy === '0' && controllers === '');
  if (!unified) return undefined;
  const dir = `${ROOT}${unified.slice(2).join(':')}`;
  return {
    version: 2,
    cpu: `${dir}/cpu.stat`,
    memoryUsage: `${dir}/memory.current`,
    memoryLimit: `${dir}/memory.max`,
    memoryStat: `${dir}/memory.stat`,
    netDev,
  };
}

/** The value of `key` in a flat keyed file such as `memory.stat` or `cpu.stat`. */
export function keyedValue(text: string, key: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${key} `));
  return line === undefined ? undefined : Number(line.slice(key.length + 1));
}

/** Sums received and sent bytes over every interface but loopback in a `/proc/<pid>/net/dev` file. */
export function parseNetDev(text: string): { rx: number; tx: number } {
  let rx = 0;
  let tx = 0;
  for (const line of text.split('\n').slice(2)) {
    const [name, counters] = line.split(':');
    if (counters === undefined || name?.trim() === 'lo') continue;
    const fields = counters.trim().split(/\s+/).map(Number);
    rx += fields[0] ?? 0;
    tx += fields[8] ?? 0;
  }
  return { rx, tx };
}

/** Reads a container's counters; rejects (ENOENT) once the container is gone. */
export async function readCgroup(files: CgroupFiles): Promise<CgroupCounters> {
  const [cpu, usage, limit, stat, netDev] = await Promise.all(
    [files.cpu, files.memoryUsage, files.memoryLimit, files.memoryStat, files.netDev].map((path) =>
      readFile(path, 'utf8'),
    ),
  );
  const v1 = files.version === 1;
  const cpuNanoseconds = v1 ? Number(cpu) : (keyedValue(cpu!, 'usage_usec') ?? 0) * 1000;
  // `docker stats` leaves the inactive page cache out, since the kernel reclaims it before any OOM.
  const inactive = keyedValue(stat!, v1 ? 'total_inactive_file' : 'inactive_file') ?? 0;
  const limitValue = limit!.trim() === 'max' ? Infinity : Number(limit);
  const network = parseNetDev(netDev!);
  return {
    cpuNanoseconds,
    memoryUsedBytes: Math.max(0, Number(usage) - inactive),
    // v1 reports "no limit" as a huge value and v2 as `max`: either way the host's memory is the bound.
    memoryLimitBytes: Math.min(limitValue, totalmem()),
    networkRxBytes: network.rx,
    networkTxBytes: network.tx,
  };
}
