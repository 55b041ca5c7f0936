/**
 * One running managed container's figures at one moment. CPU time and network bytes are cumulative since
 * the container started, so the metrics service turns two snapshots into rates.
 */
export interface ContainerSnapshot {
  readonly containerId: string;
  readonly name: string;
  /** The `sh.paas.app` label, or null when the container has none. */
  readonly appId: string | null;
  /** CPU time used since start, in nanoseconds. */
  readonly cpuNanoseconds: number;
  /** Memory in use without the reclaimable page cache. */
  readonly memoryUsedBytes: number;
  /** The cgroup limit, or the host's memory when the container has none (as `docker stats` shows it). */
  readonly memoryLimitBytes: number;
  readonly networkRxBytes: number;
  readonly networkTxBytes: number;
  readonly restarts: number;
}

/**
 * Reads the figures of the running containers the agent manages on this server. The set of containers is
 * kept current from Docker events while the probe is watching, not listed again on every read.
 */
export interface ContainerProbe {
  /**
   * Starts watching Docker (first caller) and returns a function that stops watching when the last caller
   * calls it. Rejects with {@link ContainerProbeError} when Docker does not answer.
   */
  watch(): Promise<() => void>;
  /** Reads every watched container; a container that stopped meanwhile is left out. */
  snapshot(): Promise<ContainerSnapshot[]>;
}

/** Docker could not be read; `cause` holds the library's error. */
export class ContainerProbeError extends Error {
  override readonly name = 'ContainerProbeError';
  readonly code = 'CONTAINER_PROBE_FAILED';
}
