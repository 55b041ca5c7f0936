import Dockerode from 'dockerode';
import { DockerContainerProbe } from '../adapters/docker/dockerContainerProbe';
import { SystemInformationProbe } from '../adapters/host/systemInformation';
import { PromClientExposition } from '../adapters/prometheus/promClientExposition';
import type { AgentConfig } from '../config';
import type { Logger } from '../log';
import type { AccessResolver } from '../services/access';
import { PrometheusExporter } from '../services/metrics/prometheus';
import { MetricsSampler } from '../services/metrics/sampler';
import type { Authenticator } from '../transport/auth';
import { bearerRoute } from '../transport/bearerRoute';
import type { AgentTransport } from '../transport/server';

/** The metrics sampler, and the Prometheus exporter when the config enables it. */
export function createMetrics(config: AgentConfig, serverId: string, log: Logger) {
  const host = new SystemInformationProbe();
  const containers = new DockerContainerProbe(
    new Dockerode(),
    serverId,
    log.child({ component: 'containers' }),
  );
  const sampler = new MetricsSampler({
    serverId,
    host,
    containers,
    log: log.child({ component: 'metrics' }),
  });
  if (config.metricsHistoryAlways) {
    sampler
      .subscribe({
        target: { kind: 'server', serverId },
        intervalSeconds: config.metricsHistoryIntervalSeconds,
        owner: 'agent',
        deliver: () => undefined,
      })
      .catch((error: unknown) => log.warn({ err: error }, 'cannot start the always-on metrics history'));
  }
  const exporter = config.prometheusEnabled
    ? new PrometheusExporter({ serverId, host, containers, exposition: new PromClientExposition() })
    : undefined;
  return {
    sampler,
    /**
     * Adds the Prometheus route, when enabled. It lists every container of the server, so only agent
     * administrators' tokens may scrape it.
     */
    serveTo(transport: AgentTransport, authenticator: Authenticator, access: AccessResolver) {
      if (!exporter) return;
      const route = bearerRoute(
        authenticator,
        log.child({ component: 'prometheus' }),
        async () => ({ contentType: exporter.contentType, body: await exporter.scrape() }),
        (caller) => access.isAgentAdmin(caller),
      );
      transport.route(config.prometheusPath, route);
    },
    close() {
      sampler.close();
      exporter?.close();
    },
  };
}
