import type { App, Environment, ServerSample } from '@paas/protocol';
import { SPARKLINE_POINTS } from '../messages/constants';
import type { AppCardView, EnvironmentView, ServerCardView } from '../messages/dashboard';

/** A server sample (`metrics/didSample`, `metrics/history`) as the dashboard's server card. */
export function toServerCard(sample: ServerSample): ServerCardView {
  return {
    serverId: sample.serverId,
    hostname: sample.hostname,
    ipAddresses: sample.ipAddresses,
    cpu: { percent: sample.cpu.percent, cores: sample.cpu.cores },
    memory: { usedBytes: sample.memory.usedBytes, totalBytes: sample.memory.totalBytes },
    disks: sample.disks.map((d) => ({
      mount: d.mount,
      usedBytes: d.usedBytes,
      totalBytes: d.totalBytes,
      availableBytes: d.availableBytes,
    })),
    sampledAt: sample.sampledAt,
  };
}

/** The sparkline's points from `metrics/history` samples (oldest first): the latest CPU percentages. */
export function cpuHistoryOf(samples: readonly ServerSample[]): number[] {
  return samples.slice(-SPARKLINE_POINTS).map((s) => s.cpu.percent);
}

/** An app as its dashboard card. */
export function toAppCard(app: App): AppCardView {
  return {
    id: app.id,
    name: app.name,
    environmentType: app.environmentType,
    branch: app.branch,
    commitSha: app.commitSha,
    odooVersion: app.odooVersion,
    edition: app.edition,
    state: app.state,
    url: app.url,
    disabled: app.disabled,
    createdAt: app.createdAt,
    updatedAt: app.updatedAt,
    deployedAt: app.lastDeployedAt,
    logStats: { warnings: app.logStats.warnings, errors: app.logStats.errors },
    ...(app.queueRunner ? { queueRunner: app.queueRunner } : {}),
  };
}

/** An environment with its server's history (`metrics/history`, oldest first; empty when not sampled). */
export function toEnvironmentView(
  environment: Environment,
  history: readonly ServerSample[],
): EnvironmentView {
  const latest = history.at(-1);
  return {
    id: environment.id,
    type: environment.type,
    serverId: environment.serverId,
    server: latest ? toServerCard(latest) : null,
    cpuHistory: cpuHistoryOf(history),
  };
}
