import {
  DidSampleMetrics,
  ErrorCode,
  MetricsHistory,
  RpcError,
  SubscribeMetrics,
  UnsubscribeMetrics,
  type ContainerSample,
  type MetricsSample,
  type MetricsTarget,
} from '@paas/protocol';
import { appSample } from '../services/metrics/derive';
import type { MetricsSampler } from '../services/metrics/sampler';
import { findApp } from '../store/apps';
import type { Db } from '../store/database';
import type { ClientConnection } from '../transport/connection';
import { notFound } from '../errors';
import { requireAction, seesProject, type AuthorizationContext } from './authorize';
import { defineHandler, type RequestContext } from './handler';

/**
 * An app's metrics are read like its page (`app.refresh` in its project: NotFound without a grant, as
 * other app methods answer). The server's are anyone's, with only the containers they may see.
 */
function authorizeRead(db: Db) {
  return ({ target }: { target: MetricsTarget }, context: RequestContext): void => {
    if (target.kind === 'server') return;
    const app = findApp(db, target.appId);
    if (!app) throw notFound('app', target.appId);
    requireAction(context, 'app.refresh', { projectId: app.projectId });
  };
}

/**
 * The containers of a server sample the caller may see: agent administrators all of them; anyone else
 * those of apps of projects they see, decided afresh each time (a revoked grant stops the next sample).
 */
function visibleContainers(
  context: AuthorizationContext,
  db: Db,
  containers: readonly ContainerSample[],
): ContainerSample[] {
  if (context.access.isAgentAdmin(context.caller)) return [...containers];
  return containers.filter((container) => {
    const app = container.appId === null ? undefined : findApp(db, container.appId);
    return app !== undefined && seesProject(context, app.projectId);
  });
}

function visibleSample<S extends MetricsSample>(context: AuthorizationContext, db: Db, sample: S): S {
  return sample.kind === 'server'
    ? { ...sample, containers: visibleContainers(context, db, sample.containers) }
    : sample;
}

/** Refuses a server target other than this agent's own server. */
function checkTarget(target: MetricsTarget, serverId: string): void {
  if (target.kind === 'server' && target.serverId !== serverId)
    throw new RpcError(ErrorCode.NotFound, `server ${target.serverId} is not served by this agent`, {
      serverId: target.serverId,
    });
}

export function subscribeMetricsHandler(sampler: MetricsSampler, serverId: string, db: Db) {
  /** Connections whose close already ends all their subscriptions. */
  const cleaned = new WeakSet<ClientConnection>();
  return defineHandler({
    type: SubscribeMetrics,
    authorize: authorizeRead(db),
    async handle({ target, intervalSeconds }, context) {
      const { connection } = context;
      checkTarget(target, serverId);
      if (!cleaned.has(connection)) {
        cleaned.add(connection);
        connection.onClose(() => sampler.unsubscribeAll(connection.id, 'disconnected'));
      }
      const subscriptionId = await sampler.subscribe({
        target,
        intervalSeconds,
        owner: connection.id,
        deliver: (sample, id) =>
          connection.notify(DidSampleMetrics, {
            subscriptionId: id,
            target,
            sample: visibleSample(context, db, sample),
          }),
      });
      // A connection that closed while the sampler started has already been cleaned up without this one.
      if (connection.isClosed) sampler.unsubscribe(subscriptionId, connection.id, 'disconnected');
      return { subscriptionId };
    },
  });
}

export function unsubscribeMetricsHandler(sampler: MetricsSampler) {
  return defineHandler({
    type: UnsubscribeMetrics,
    // Only the connection's own subscriptions are found.
    authorize: () => undefined,
    handle({ subscriptionId }, { connection }) {
      if (!sampler.unsubscribe(subscriptionId, connection.id, 'unsubscribed'))
        throw new RpcError(
          ErrorCode.NotFound,
          `no metrics subscription ${subscriptionId} on this connection`,
          {
            subscriptionId,
          },
        );
      return {};
    },
  });
}

export function metricsHistoryHandler(sampler: MetricsSampler, serverId: string, db: Db) {
  return defineHandler({
    type: MetricsHistory,
    authorize: authorizeRead(db),
    handle({ target, resolution, since }, context) {
      checkTarget(target, serverId);
      const samples = sampler.history.query(resolution, since);
      if (target.kind === 'server') return { samples: samples.map((s) => visibleSample(context, db, s)) };
      return { samples: samples.map((s) => appSample(target.appId, s.containers, s.sampledAt)) };
    },
  });
}
