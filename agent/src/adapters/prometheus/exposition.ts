import type { ContainerSnapshot } from '../docker/containerProbe';
import type { HostSnapshot } from '../host/probe';

/** What one scrape exposes: raw counters and current values, so Prometheus computes rates itself. */
export interface ScrapeFigures {
  readonly serverId: string;
  readonly host: HostSnapshot;
  /** The data disks, already filtered as on the server card. */
  readonly disks: readonly { mount: string; usedBytes: number; totalBytes: number; availableBytes: number }[];
  readonly containers: readonly ContainerSnapshot[];
}

/**
 * Renders figures in the Prometheus text exposition format. Counters (`*_total`) are cumulative, as
 * Prometheus expects: `rate(paas_container_cpu_seconds_total[1m]) * 100` is a container's CPU percent.
 */
export interface PrometheusExposition {
  /** The Content-Type header of the rendered text. */
  readonly contentType: string;
  render(figures: ScrapeFigures): Promise<string>;
}
