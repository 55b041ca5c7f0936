import {
  DidSampleMetrics,
  ErrorCode,
  MetricsHistory,
  RpcError,
  SubscribeMetrics,
  UnsubscribeMetrics,
  type MetricsTarget,
} from '@paas/protocol';
import { appSample } from '../services/metrics/derive';
import type { MetricsSampler } from '../services/metrics/sampler';
import type { ClientConnection } from '../transport/connection';
import { requireAction } from './authorize';
import { defineHandler, type RequestContext } from './handler';

/** Metrics are read like an app's page: any role may (the access table's `app.refresh`). */
function authorizeRead(_params: unknown, context: RequestContext): void {
  requireAction(context, 'app.refresh');
}

/** Refuses a server target other than this agent's own server. */
function checkTarget(target: MetricsTarget, serverId: string): void {
  if (target.kind === 'server' && target.serverId !== serverId)
    throw new RpcError(ErrorCode.NotFound, `server ${target.serverId} is not served by this agent`, {
      serverId: target.serverId,
    });
}

export function subscribeMetricsHandler(sampler: MetricsSampler, serverId: string) {
  /** Connections whose close already ends all their subscriptions. */
  const cleaned = new WeakSet<ClientConnection>();
  return defineHandler({
    type: SubscribeMetrics,
    authorize: authorizeRead,
    async handle({ target, intervalSeconds }, { connection }) {
      checkTarget(target, serverId);
      if (!cleaned.has(connection)) {
        cleaned.add(connection);
        connection.onClose(() => sampler.unsubscribeAll(connection.id, 'disconnected'));
      }
      const subscriptionId = await sampler.subscribe({
        target,
        intervalSeconds,
        owner: connection.id,
        deliver: (sample, id) => connection.notify(DidSampleMetrics, { subscriptionId: id, target, sample }),
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
    authorize: authorizeRead,
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

export function metricsHistoryHandler(sampler: MetricsSampler, serverId: string) {
  return defineHandler({
    type: MetricsHistory,
    authorize: authorizeRead,
    handle({ target, resolution, since }) {
      checkTarget(target, serverId);
      const samples = sampler.history.query(resolution, since);
      if (target.kind === 'server') return { samples };
      return { samples: samples.map((s) => appSample(target.appId, s.containers, s.sampledAt)) };
    },
  });
}
