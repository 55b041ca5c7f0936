/** A mounted filesystem as the host reports it, before the metrics service filters out what is noise. */
export interface MountedFilesystem {
  /** The device or source, e.g. `/dev/vda1` or `overlay`. */
  readonly device: string;
  /** The filesystem type, e.g. `ext4`, `overlay`, `tmpfs`. */
  readonly type: string;
  readonly mount: string;
  /** As `df` counts them, from statfs: size = blocks, used = blocks − free, available = blocks free to users. */
  readonly usedBytes: number;
  readonly totalBytes: number;
  /** Less than size − used by the blocks reserved for root (5 % on ext4 by default). */
  readonly availableBytes: number;
}

/**
 * The host's figures at one moment. Counters (CPU time, network bytes) are cumulative since boot, so the
 * metrics service turns two snapshots into rates; the rest are current values.
 */
export interface HostSnapshot {
  readonly hostname: string;
  readonly ipAddresses: readonly string[];
  readonly cores: number;
  /** CPU time of all cores since boot, in milliseconds: busy (user, nice, system, irq) and total. */
  readonly cpuBusyMs: number;
  readonly cpuTotalMs: number;
  readonly load: readonly [number, number, number];
  readonly memoryUsedBytes: number;
  readonly memoryTotalBytes: number;
  readonly filesystems: readonly MountedFilesystem[];
  /** Bytes through the physical interfaces since boot (loopback and container bridges left out). */
  readonly networkRxBytes: number;
  readonly networkTxBytes: number;
  readonly uptimeSeconds: number;
}

/** Reads the host's figures. Slow calls (network interfaces) are cached by the implementation. */
export interface HostProbe {
  /** Reads a snapshot; throws {@link HostProbeError} when the host cannot be read. */
  snapshot(): Promise<HostSnapshot>;
}

/** The host could not be read; `cause` holds the library's error. */
export class HostProbeError extends Error {
  override readonly name = 'HostProbeError';
  readonly code = 'HOST_PROBE_FAILED';
}
