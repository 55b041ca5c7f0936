import type { MetricsSample, MetricsTarget, ServerSample } from '@paas/protocol';
import type { ContainerProbe } from '../../adapters/docker/containerProbe';
import type { HostProbe } from '../../adapters/host/probe';
import { newId } from '../../ids';
import type { Logger } from '../../log';
import { appSample, containerSamples, serverSample, type RawSample } from './derive';
import { SampleHistory } from './history';

/** One subscriber's wish: a target, an interval and where its samples go. */
export interface SubscriptionRequest {
  readonly target: MetricsTarget;
  readonly intervalSeconds: number;
  /** Who may end it: the connection id (or an internal owner). */
  readonly owner: string;
  readonly deliver: (sample: MetricsSample, subscriptionId: string) => void;
}

interface Subscription extends SubscriptionRequest {
  readonly id: string;
}

/** The subscriptions sharing one interval, and the one timer that samples for them. */
interface Group {
  readonly intervalSeconds: number;
  readonly subscriptions: Map<string, Subscription>;
  ready: Promise<void>;
  timer?: NodeJS.Timeout;
  stopWatching?: () => void;
  previous?: RawSample;
  busy: boolean;
}

export interface SamplerDependencies {
  readonly serverId: string;
  readonly host: HostProbe;
  readonly containers: ContainerProbe;
  readonly log: Logger;
}

/** Reads the host and the watched containers once. */
export async function readRawSample(host: HostProbe, containers: ContainerProbe): Promise<RawSample> {
  const [hostSnapshot, containerSnapshots] = await Promise.all([host.snapshot(), containers.snapshot()]);
  return {
    atMs: performance.now(),
    sampledAt: new Date().toISOString(),
    host: hostSnapshot,
    containers: containerSnapshots,
  };
}

/**
 * Samples for every subscriber: one timer per distinct interval, running only while that interval has
 * subscribers, each tick read once and fanned out. The fastest running timer also feeds the history.
 */
export class MetricsSampler {
  readonly history = new SampleHistory();
  private readonly groups = new Map<number, Group>();
  private readonly owners = new Map<string, Group>();

  constructor(private readonly deps: SamplerDependencies) {}

  /** Adds a subscription and starts its interval's timer if needed; resolves with its id. */
  async subscribe(request: SubscriptionRequest): Promise<string> {
    const group = this.groupFor(request.intervalSeconds);
    const subscription: Subscription = { ...request, id: newId() };
    group.subscriptions.set(subscription.id, subscription);
    this.owners.set(subscription.id, group);
    try {
      await group.ready;
    } catch (error) {
      this.unsubscribe(subscription.id, request.owner, 'failed');
      throw error;
    }
    this.deps.log.debug(
      { subscriptionId: subscription.id, target: request.target, intervalSeconds: request.intervalSeconds },
      'metrics subscription added',
    );
    return subscription.id;
  }

  /** Ends a subscription of `owner`; false when it has no such subscription. */
  unsubscribe(id: string, owner: string, reason: 'unsubscribed' | 'disconnected' | 'failed'): boolean {
    const group = this.owners.get(id);
    if (group?.subscriptions.get(id)?.owner !== owner) return false;
    group.subscriptions.delete(id);
    this.owners.delete(id);
    this.deps.log.debug({ subscriptionId: id, reason }, 'metrics subscription removed');
    if (group.subscriptions.size === 0) this.stopGroup(group);
    return true;
  }

  /** Ends every subscription of `owner`, e.g. when its connection closes. */
  unsubscribeAll(owner: string, reason: 'disconnected'): void {
    for (const [id, group] of [...this.owners]) {
      if (group.subscriptions.get(id)?.owner === owner) this.unsubscribe(id, owner, reason);
    }
  }

  /** Stops every timer, as the agent shuts down. */
  close(): void {
    for (const group of this.groups.values()) this.stopGroup(group);
  }

  private groupFor(intervalSeconds: number): Group {
    const existing = this.groups.get(intervalSeconds);
    if (existing) return existing;
    const group: Group = { intervalSeconds, subscriptions: new Map(), ready: Promise.resolve(), busy: false };
    group.ready = this.startGroup(group);
    this.groups.set(intervalSeconds, group);
    return group;
  }

  private async startGroup(group: Group): Promise<void> {
    const stopWatching = await this.deps.containers.watch();
    if (this.groups.get(group.intervalSeconds) !== group) return stopWatching();
    group.stopWatching = stopWatching;
    // A first reading now, so the first tick already has rates over a whole interval.
    group.previous = await readRawSample(this.deps.host, this.deps.containers);
    if (this.groups.get(group.intervalSeconds) !== group) return;
    group.timer = setInterval(() => void this.tick(group), group.intervalSeconds * 1000);
    this.deps.log.debug({ intervalSeconds: group.intervalSeconds }, 'metrics sampling started');
  }

  private stopGroup(group: Group): void {
    if (this.groups.get(group.intervalSeconds) !== group) return;
    this.groups.delete(group.intervalSeconds);
    clearInterval(group.timer);
    group.stopWatching?.();
    this.deps.log.debug({ intervalSeconds: group.intervalSeconds }, 'metrics sampling stopped');
  }

  private async tick(group: Group): Promise<void> {
    // A tick still reading when the next one is due makes that one skip instead of piling up.
    if (group.busy) return;
    group.busy = true;
    try {
      const raw = await readRawSample(this.deps.host, this.deps.containers);
      if (this.groups.get(group.intervalSeconds) !== group) return;
      const containers = containerSamples(group.previous, raw);
      const server = serverSample(this.deps.serverId, group.previous, raw, containers);
      group.previous = raw;
      if (this.isFastest(group)) this.history.record(server);
      this.fanOut(group, server);
    } catch (error) {
      this.deps.log.warn({ err: error, intervalSeconds: group.intervalSeconds }, 'metrics sample failed');
    } finally {
      group.busy = false;
    }
  }

  private isFastest(group: Group): boolean {
    return Math.min(...this.groups.keys()) === group.intervalSeconds;
  }

  private fanOut(group: Group, server: ServerSample): void {
    const apps = new Map<string, MetricsSample>();
    for (const subscription of group.subscriptions.values()) {
      const { target } = subscription;
      let sample: MetricsSample = server;
      if (target.kind === 'app') {
        sample = apps.get(target.appId) ?? appSample(target.appId, server.containers, server.sampledAt);
        apps.set(target.appId, sample);
      }
      try {
        subscription.deliver(sample, subscription.id);
      } catch (error) {
        this.deps.log.warn({ err: error, subscriptionId: subscription.id }, 'metrics delivery failed');
      }
    }
  }
}
