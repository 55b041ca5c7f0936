/** What the agent asks of a container; every container it creates is described this way. */
export interface ContainerSpec {
  /** Unique on the engine; already sanitised by the caller. */
  name: string;
  image: string;
  /** Arguments for the image's entrypoint (the official image's `CMD ["odoo"]` replaced). */
  cmd: string[];
  /** `uid:gid` the process runs as. */
  user: string;
  /** Environment variables, `NAME=value`. */
  env?: string[];
  labels: Record<string, string>;
  /** Bind mounts, `host:container[:ro]`. */
  binds: string[];
  /** Publishes container port 8069 on this host address and port. */
  publish?: { hostIp: string; hostPort: number; containerPort: number };
  /** `unless-stopped` for app revisions (they come back after a reboot); `no` for one-shot runs. */
  restartPolicy: 'unless-stopped' | 'no';
  cpus?: number;
  memoryBytes?: number;
}

/** A container as the agent sees it. */
export interface ContainerInfo {
  id: string;
  name: string;
  /** Docker's state: `created`, `running`, `exited`, `restarting`, ... */
  state: string;
  running: boolean;
  /** How often Docker restarted it under its restart policy (a crash loop shows here). */
  restartCount: number;
  exitCode: number | null;
  labels: Record<string, string>;
}

/** Options of a log read. */
export interface LogOptions {
  /** Lines from the end to start with; `all` for everything. */
  tail: number | 'all';
  follow: boolean;
  /** Only lines after this time (Unix seconds, fractions allowed). */
  since?: number;
  /** Prefix each line with Docker's RFC 3339 timestamp. */
  timestamps?: boolean;
}

/**
 * The Docker engine (API 1.41), as the agent uses it. Failures are `AdapterError`s: `DOCKER_IMAGE_MISSING`,
 * `DOCKER_PORT_IN_USE`, `DOCKER_UNAVAILABLE`, `DOCKER_NOT_FOUND`, `DOCKER_FAILED`, `ABORTED`.
 */
export interface DockerAdapter {
  ping(): Promise<void>;
  /** Makes sure the image is on this machine, pulling it if not; `DOCKER_IMAGE_MISSING` when it cannot. */
  ensureImage(image: string, signal?: AbortSignal): Promise<void>;
  /** Creates (does not start) a container; resolves its id. */
  create(spec: ContainerSpec): Promise<string>;
  /** Starts a created or stopped container; `DOCKER_PORT_IN_USE` when its port is taken. */
  start(name: string): Promise<void>;
  /** Stops a container (SIGTERM, then SIGKILL after `timeoutSeconds`); a stopped one is left as is. */
  stop(name: string, timeoutSeconds?: number): Promise<void>;
  restart(name: string, timeoutSeconds?: number): Promise<void>;
  /** Removes a container and its anonymous volumes, running or not; a missing one is not an error. */
  remove(name: string): Promise<void>;
  /** The container, or `undefined` when there is none of that name or id. */
  inspect(name: string): Promise<ContainerInfo | undefined>;
  /** Containers (running or not) carrying every given label (`key` or `key=value`). */
  list(labels: string[]): Promise<ContainerInfo[]>;
  /** Waits for the container to exit; resolves its exit code. */
  wait(name: string, signal?: AbortSignal): Promise<number>;
  /** The container's stdout and stderr as text; with `follow`, the stream goes on until aborted or the container stops. */
  logs(name: string, options: LogOptions, signal?: AbortSignal): Promise<NodeJS.ReadableStream>;
  /** All (or the last `tail`) output as one string. */
  readLogs(name: string, tail?: number): Promise<string>;
  /** The image's id (`sha256:...`); `DOCKER_IMAGE_MISSING` when it is not on this machine. */
  imageId(image: string): Promise<string>;
  /**
   * `<dir>/<folder>/<fileName>` of every folder of `dir` inside the image (folder → text), read from a
   * created, never started container that carries `labels` and is removed at once.
   */
  readImageFiles(
    image: string,
    dir: string,
    fileName: string,
    labels: Record<string, string>,
  ): Promise<Map<string, string>>;
}
