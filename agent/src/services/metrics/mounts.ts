import type { MountedFilesystem } from '../../adapters/host/probe';

/** Filesystem types that hold no data of their own: container layers, memory and kernel views. */
const PSEUDO_TYPES = new Set([
  'overlay',
  'aufs',
  'tmpfs',
  'devtmpfs',
  'ramfs',
  'squashfs',
  'proc',
  'sysfs',
  'cgroup',
  'cgroup2',
  'nsfs',
  'devpts',
  'mqueue',
  'fuse.lxcfs',
]);

/** Mount points below which only container runtimes mount things (layers, volumes' bind mounts, secrets). */
const RUNTIME_PREFIXES = ['/var/lib/docker/', '/var/lib/containerd/', '/run/', '/var/run/', '/snap/'];

/**
 * The mounts that matter on a server card: real filesystems, each device once (at its shortest mount
 * point, so bind mounts of the same disk do not repeat it), in mount-point order.
 */
export function dataDisks(filesystems: readonly MountedFilesystem[]): {
  mount: string;
  usedBytes: number;
  totalBytes: number;
  availableBytes: number;
}[] {
  const byDevice = new Map<string, MountedFilesystem>();
  for (const fs of filesystems) {
    if (PSEUDO_TYPES.has(fs.type) || fs.totalBytes <= 0) continue;
    if (RUNTIME_PREFIXES.some((prefix) => fs.mount.startsWith(prefix))) continue;
    const seen = byDevice.get(fs.device);
    if (!seen || fs.mount.length < seen.mount.length) byDevice.set(fs.device, fs);
  }
  return [...byDevice.values()]
    .sort((a, b) => a.mount.localeCompare(b.mount))
    .map((fs) => ({
      mount: fs.mount,
      usedBytes: fs.usedBytes,
      totalBytes: fs.totalBytes,
      availableBytes: fs.availableBytes,
    }));
}
