import type { EnvironmentService } from '../services/environments';
import type { ProjectService } from '../services/projects';
import type { MetricsSampler } from '../services/metrics/sampler';
import type { Db } from '../store/database';
import { listServersHandler, pingHandler } from './agent';
import { environmentHandlers } from './environments';
import type { Handler } from './handler';
import { initializeHandler } from './initialize';
import { projectHandlers } from './projects';
import { metricsHistoryHandler, subscribeMetricsHandler, unsubscribeMetricsHandler } from './metrics';

/** What handlers are built from: the agent's services, wired once in main.ts. */
export interface HandlerServices {
  readonly db: Db;
  readonly serverId: string;
  readonly projects: ProjectService;
  readonly environments: EnvironmentService;
  readonly metrics: MetricsSampler;
}

/** The table of every handler; the dispatcher refuses to start if a protocol request has none. */
export function createHandlers(services: HandlerServices): Handler[] {
  return [
    initializeHandler(services.serverId),
    pingHandler,
    listServersHandler(services.db),
    ...projectHandlers(services.projects, services.environments),
    ...environmentHandlers(services.environments),
    subscribeMetricsHandler(services.metrics, services.serverId),
    unsubscribeMetricsHandler(services.metrics),
    metricsHistoryHandler(services.metrics, services.serverId),
  ];
}
