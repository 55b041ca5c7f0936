import type { NotificationType, RequestType } from './define';
import { ListServers, Ping } from './agent';
import { CreateEnvironment, ListEnvironments, UpdateEnvironment } from './environments';
import { Initialize } from './initialize';
import { CreateProject, GetProject, ListProjects, UpdateProject } from './projects';
import { DidSampleMetrics, MetricsHistory, SubscribeMetrics, UnsubscribeMetrics } from './metrics';

/**
 * Every request the agent answers, in README order. A request missing here has no handler and no
 * documentation: the agent refuses to start when a listed request has no handler.
 */
export const REQUESTS: readonly RequestType[] = [
  Initialize,
  Ping,
  ListServers,
  ListProjects,
  GetProject,
  CreateProject,
  UpdateProject,
  ListEnvironments,
  CreateEnvironment,
  UpdateEnvironment,
  SubscribeMetrics,
  UnsubscribeMetrics,
  MetricsHistory,
];

/** Every notification either side may send. */
export const NOTIFICATIONS: readonly NotificationType[] = [DidSampleMetrics];
