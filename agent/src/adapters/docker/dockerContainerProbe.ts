import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type Dockerode from 'dockerode';
import fastq from 'fastq';
import type { Logger } from '../../log';
import { cgroupFilesOf, readCgroup, type CgroupCounters, type CgroupFiles } from './cgroupStats';
import { ContainerProbeError, type ContainerProbe, type ContainerSnapshot } from './containerProbe';
import { LABELS } from './labels';
import { StatsStream } from './streamStats';

interface Tracked {
  readonly id: string;
  readonly name: string;
  readonly appId: string | null;
  readonly restarts: number;
  readonly source: { readonly files: CgroupFiles } | { readonly stream: StatsStream };
}

/** A change to the set of watched containers, applied one at a time so events never race a listing. */
type Change = { kind: 'start' | 'die' | 'destroy'; id: string } | { kind: 'resync' };

type EventStream = NodeJS.ReadableStream & { destroy?: () => void };

/** How long to wait before reopening a Docker event stream that ended (Docker restarted, say). */
const RECONNECT_MS = 2000;

/**
 * Watches the running containers labelled as managed by this server, through Docker events, and reads
 * their counters from cgroup files (under a millisecond each). When a container's cgroup files cannot be
 * read, it falls back to one streaming stats subscription for that container.
 */
export class DockerContainerProbe implements ContainerProbe {
  private readonly tracked = new Map<string, Tracked>();
  private readonly changes = fastq.promise((change: Change) => this.apply(change), 1);
  private watchers = 0;
  private starting: Promise<void> | undefined;
  private events: EventStream | undefined;
  private reconnect: NodeJS.Timeout | undefined;

  constructor(
    private readonly docker: Dockerode,
    private readonly serverId: string,
    private readonly log: Logger,
  ) {}

  async watch(): Promise<() => void> {
    if (++this.watchers === 1) this.starting = this.start();
    try {
      await this.starting;
    } catch (error) {
      this.release();
      throw new ContainerProbeError('cannot watch the Docker containers', { cause: error });
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.release();
    };
  }

  async snapshot(): Promise<ContainerSnapshot[]> {
    const snapshots = await Promise.all([...this.tracked.values()].map((c) => this.read(c)));
    return snapshots.filter((s): s is ContainerSnapshot => s !== undefined);
  }

  private get labelFilter(): string[] {
    return [`${LABELS.managed}=true`, `${LABELS.server}=${this.serverId}`];
  }

  private async read(container: Tracked): Promise<ContainerSnapshot | undefined> {
    let counters: CgroupCounters | undefined;
    if ('files' in container.source) {
      // A container that stopped since its last event has no cgroup any more: it is simply left out.
      counters = await readCgroup(container.source.files).catch(() => undefined);
    } else counters = container.source.stream.counters;
    if (!counters) return undefined;
    const { id: containerId, name, appId, restarts } = container;
    return { containerId, name, appId, restarts, ...counters };
  }

  private release(): void {
    if (--this.watchers > 0) return;
    clearTimeout(this.reconnect);
    this.events?.destroy?.();
    this.events = undefined;
    for (const container of this.tracked.values()) this.forget(container);
    this.tracked.clear();
    this.log.debug('stopped watching containers');
  }

  /** Opens the event stream first, then lists, so no container starting in between is missed. */
  private async start(): Promise<void> {
    const events = (await this.docker.getEvents({
      filters: { type: ['container'], event: ['start', 'die', 'destroy'], label: this.labelFilter },
    })) as EventStream;
    if (this.watchers === 0) return events.destroy?.();
    this.events = events;
    createInterface({ input: events }).on('line', (line) => this.onEvent(line));
    events.on('error', (error) => this.log.warn({ err: error }, 'docker event stream failed'));
    events.once('end', () => this.onEventsEnded(events));
    await this.changes.push({ kind: 'resync' });
    this.log.debug({ containers: this.tracked.size }, 'watching containers');
  }

  private onEvent(line: string): void {
    let event: { Action?: string; id?: string };
    try {
      event = JSON.parse(line) as typeof event;
    } catch {
      return;
    }
    const { Action: kind, id } = event;
    if (id && (kind === 'start' || kind === 'die' || kind === 'destroy'))
      this.changes.push({ kind, id }).catch((error: unknown) => this.logChangeFailure(error));
  }

  private onEventsEnded(events: EventStream): void {
    if (this.events !== events || this.watchers === 0) return;
    this.log.warn('docker event stream ended; reconnecting');
    this.events = undefined;
    this.reconnect = setTimeout(() => {
      if (this.watchers === 0) return;
      this.start().catch((error: unknown) => {
        this.logChangeFailure(error);
        this.onEventsEnded(events);
      });
    }, RECONNECT_MS);
  }

  private logChangeFailure(error: unknown): void {
    this.log.warn({ err: error }, 'cannot update the watched containers');
  }

  private async apply(change: Change): Promise<void> {
    if (this.watchers === 0) return;
    if (change.kind === 'resync') return this.resync();
    if (change.kind === 'start') return this.add(change.id);
    const known = this.tracked.get(change.id);
    if (known) this.forget(known);
    this.tracked.delete(change.id);
  }

  private async resync(): Promise<void> {
    const running = await this.docker.listContainers({
      filters: { label: this.labelFilter, status: ['running'] },
    });
    const ids = new Set(running.map((c) => c.Id));
    for (const [id, container] of this.tracked) {
      if (ids.has(id)) continue;
      this.forget(container);
      this.tracked.delete(id);
    }
    for (const id of ids) {
      if (!this.tracked.has(id)) await this.add(id).catch((error: unknown) => this.logChangeFailure(error));
    }
  }

  private async add(id: string): Promise<void> {
    const container = this.docker.getContainer(id);
    const info = await container.inspect().catch(() => undefined);
    if (!info?.State.Running) return;
    const previous = this.tracked.get(id);
    if (previous) this.forget(previous);
    this.tracked.set(id, {
      id,
      name: info.Name.replace(/^\//, ''),
      appId: info.Config.Labels?.[LABELS.app] ?? null,
      restarts: info.RestartCount,
      source: await this.sourceOf(container, info.State.Pid),
    });
  }

  private async sourceOf(container: Dockerode.Container, pid: number): Promise<Tracked['source']> {
    const files = await readFile(`/proc/${pid}/cgroup`, 'utf8').then(
      (text) => cgroupFilesOf(pid, text),
      () => undefined,
    );
    if (
      files &&
      (await readCgroup(files).then(
        () => true,
        () => false,
      ))
    )
      return { files };
    this.log.info({ container: container.id }, 'cgroup files unreadable; streaming docker stats instead');
    const stream = new StatsStream(container);
    await stream.open();
    return { stream };
  }

  private forget(container: Tracked): void {
    if ('stream' in container.source) container.source.stream.close();
  }
}
