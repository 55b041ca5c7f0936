import fastq from 'fastq';
import type { ContainerProbe } from '../../adapters/docker/containerProbe';
import type { HostProbe } from '../../adapters/host/probe';
import type { PrometheusExposition } from '../../adapters/prometheus/exposition';
import { dataDisks } from './mounts';

export interface ExporterDependencies {
  readonly serverId: string;
  readonly host: HostProbe;
  readonly containers: ContainerProbe;
  readonly exposition: PrometheusExposition;
}

/**
 * Answers Prometheus scrapes with a fresh reading each time. It starts watching containers at the first
 * scrape and keeps watching (scrapers come back every few seconds) until the agent stops. Scrapes are
 * rendered one at a time, since the exposition's registry is shared.
 */
export class PrometheusExporter {
  private stopWatching: (() => void) | undefined;
  private readonly scrapes = fastq.promise(() => this.render(), 1);

  constructor(private readonly deps: ExporterDependencies) {}

  get contentType(): string {
    return this.deps.exposition.contentType;
  }

  scrape(): Promise<string> {
    return this.scrapes.push(undefined);
  }

  close(): void {
    this.stopWatching?.();
    this.stopWatching = undefined;
  }

  private async render(): Promise<string> {
    this.stopWatching ??= await this.deps.containers.watch();
    const [host, containers] = await Promise.all([
      this.deps.host.snapshot(),
      this.deps.containers.snapshot(),
    ]);
    return this.deps.exposition.render({
      serverId: this.deps.serverId,
      host,
      disks: dataDisks(host.filesystems),
      containers,
    });
  }
}
