import assert from 'node:assert/strict';
import {
  CreateProject,
  DidSampleMetrics,
  ErrorCode,
  MetricsHistory,
  RpcError,
  SubscribeMetrics,
  UnsubscribeMetrics,
  type AppSample,
  type MetricsSample,
  type ParamsOf,
  type ServerSample,
} from '@paas/protocol';
import type Dockerode from 'dockerode';
import { LABELS } from '../../src/adapters/docker/labels';
import { newId, nowIso } from '../../src/ids';
import { insertApp } from '../../src/store/apps';
import { openStore } from '../../src/store/database';
import { runAgentCli, startAgentProcess, type AgentProcess } from '../helpers/agentProcess';
import { buildBusyboxImage, docker, removeLabelled, runBusybox } from '../helpers/busybox';
import { TestClient, rpcErrorOf } from '../helpers/client';
import { projectParams } from '../helpers/organization';

const TEST_LABEL = 'sh.paas.test';
const MB = 1024 * 1024;

type Notification = ParamsOf<typeof DidSampleMetrics>;

/** Collects a client's samples and resolves waits on them; counts, never clocks, bound each wait. */
class SampleInbox {
  readonly received: Notification[] = [];
  private waiter: (() => void) | undefined;

  constructor(client: TestClient) {
    client.onNotification(DidSampleMetrics, (params) => {
      this.received.push(params);
      this.waiter?.();
    });
  }

  /** Waits for a sample of `subscriptionId` matching `test`, looking at no more than `limit` new ones. */
  async until<T extends MetricsSample>(
    subscriptionId: string,
    test: (sample: T) => boolean,
    limit = 15,
  ): Promise<T> {
    for (let seen = 0; seen < limit; seen++) {
      const sample = (await this.next(subscriptionId)) as T;
      if (test(sample)) return sample;
    }
    throw new Error(`no matching sample among ${limit} samples`);
  }

  private async next(subscriptionId: string): Promise<MetricsSample> {
    const start = this.received.length;
    for (;;) {
      const found = this.received.slice(start).find((n) => n.subscriptionId === subscriptionId);
      if (found) {
        this.received.splice(0, this.received.indexOf(found) + 1);
        return found.sample;
      }
      await new Promise<void>((resolve) => (this.waiter = resolve));
    }
  }
}

/**
 * Records apps for the busybox containers' ids in the agent's store (without their database server,
 * which no metrics path reads): metrics answer only for apps that exist, to callers who see their project.
 */
function recordApps(
  dataDir: string,
  ids: string[],
  at: { projectId: string; environmentId: string; serverId: string },
) {
  // With its secret key, as the agent opens it: an app's record goes with its sealed secrets.
  const db = openStore(dataDir);
  // The apps name no database server: none is registered, and nothing here reads it.
  db.pragma('foreign_keys = OFF');
  try {
    for (const [index, id] of ids.entries())
      insertApp(
        db,
        {
          id,
          ...at,
          environmentType: 'development',
          name: id,
          slug: id,
          branch: 'main',
          commitSha: null,
          odooVersion: '17.0',
          edition: 'community',
          baseImage: null,
          state: 'running',
          disabled: false,
          databaseServerId: 'nodatabaseserver',
          databaseName: `metrics_${id}`,
          databaseRole: `metrics_${id}`,
          revision: 1,
          publicPort: 40_000 + index,
          containerName: null,
          containerPort: null,
          createdAt: nowIso(),
          updatedAt: nowIso(),
          lastDeployedAt: null,
          logWarnings: 0,
          logErrors: 0,
          logSince: null,
          lastError: null,
          neutralized: false,
          queueRunner: null,
        },
        'unused',
      );
  } finally {
    db.close();
  }
}

function containerOf(sample: ServerSample, container: Dockerode.Container) {
  return sample.containers.find((c) => c.containerId === container.id);
}

async function expectRpcError(promise: Promise<unknown>, code: number): Promise<void> {
  await assert.rejects(promise, (error: unknown) => error instanceof RpcError && error.code === code);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('metrics over WebSocket (real Docker)', function () {
  const runId = `metrics-${newId(8)}`;
  const image = `paas-test/busybox:${runId}`;
  let agent: AgentProcess;
  let token: string;
  let client: TestClient;
  let inbox: SampleInbox;
  let serverId: string;
  let burner: Dockerode.Container;
  let hog: Dockerode.Container;
  let idle: Dockerode.Container;

  const labels = (appId: string) => ({
    [TEST_LABEL]: runId,
    [LABELS.managed]: 'true',
    [LABELS.server]: serverId,
    [LABELS.app]: appId,
  });

  before(async function () {
    buildBusyboxImage(image);
    agent = await startAgentProcess({ tls: false, env: { PAAS_AGENT_PROMETHEUS_ENABLED: 'true' } });
    // An owner sees every project of the organization, so every app's containers; not every container.
    token = agent.createToken('owner');
    client = await TestClient.connect(agent.url, token);
    serverId = (await client.initialize()).agent.serverId;
    const { project, environment } = await client.request(CreateProject, projectParams('Metrics'));
    recordApps(agent.dataDir, ['burner', 'hog', 'idle'], {
      projectId: project.id,
      environmentId: environment.id,
      serverId,
    });
    inbox = new SampleInbox(client);
    burner = await runBusybox({ image, script: 'while :; do :; done', labels: labels('burner') });
    // 64 MiB written to a tmpfs stays resident and is charged to the container.
    hog = await runBusybox({
      image,
      script: 'dd if=/dev/zero of=/fill/zero bs=1M count=64 && exec sleep 3600',
      labels: labels('hog'),
      tmpfs: { '/fill': 'size=100m' },
    });
    idle = await runBusybox({ image, script: 'exec sleep 3600', labels: labels('idle') });
  });

  after(async function () {
    await client?.close();
    await agent?.stop();
    await removeLabelled(TEST_LABEL, runId);
    await docker
      .getImage(image)
      .remove({ force: true })
      .catch(() => undefined);
  });

  it('announces the metrics messages in the capabilities', async function () {
    const other = await TestClient.connect(agent.url, token);
    const { capabilities } = await other.initialize();
    await other.close();
    assert.ok(capabilities.methods.includes('metrics/subscribe'));
    assert.ok(capabilities.notifications.includes('metrics/didSample'));
  });

  it('shows a container burning CPU and one holding memory in the server samples', async function () {
    const { subscriptionId } = await client.request(SubscribeMetrics, {
      target: { kind: 'server', serverId },
      intervalSeconds: 1,
    });
    // The machine is shared by parallel test runs: a busy loop gets a fair share of 2 cores, not all of one.
    const sample = await inbox.until<ServerSample>(
      subscriptionId,
      (s) => (containerOf(s, burner)?.cpuPercent ?? 0) > 20 && containerOf(s, hog) !== undefined,
    );
    assert.ok(containerOf(sample, hog)!.memory.usedBytes >= 50 * MB, 'the hog holds 64 MiB');
    assert.ok(containerOf(sample, idle)!.cpuPercent < 5, 'the sleeper is idle');
    assert.ok(containerOf(sample, idle)!.memory.usedBytes < 20 * MB);
    assert.equal(containerOf(sample, burner)!.appId, 'burner');
    assert.ok(sample.cpu.cores >= 1 && sample.memory.totalBytes > 0 && sample.ipAddresses.length > 0);
    assert.ok(sample.disks.some((d) => d.mount === '/'));
    assert.ok(sample.disks.every((d) => !d.mount.startsWith('/var/lib/docker/')));
    await client.request(UnsubscribeMetrics, { subscriptionId });
  });

  it('samples one app through its labelled containers', async function () {
    const { subscriptionId } = await client.request(SubscribeMetrics, {
      target: { kind: 'app', appId: 'burner' },
      intervalSeconds: 1,
    });
    const sample = await inbox.until<AppSample>(subscriptionId, (s) => s.cpuPercent > 20);
    assert.equal(sample.kind, 'app');
    assert.equal(sample.running, true);
    assert.deepEqual(
      sample.containers.map((c) => c.containerId),
      [burner.id],
    );
    await client.request(UnsubscribeMetrics, { subscriptionId });
  });

  it('drops a stopped container from the samples', async function () {
    const server = await client.request(SubscribeMetrics, {
      target: { kind: 'server', serverId },
      intervalSeconds: 1,
    });
    const app = await client.request(SubscribeMetrics, {
      target: { kind: 'app', appId: 'idle' },
      intervalSeconds: 1,
    });
    await inbox.until<ServerSample>(server.subscriptionId, (s) => containerOf(s, idle) !== undefined);
    await idle.stop({ t: 1 });
    await inbox.until<ServerSample>(server.subscriptionId, (s) => containerOf(s, idle) === undefined);
    const next = await inbox.until<ServerSample>(server.subscriptionId, () => true);
    assert.equal(containerOf(next, idle), undefined, 'it stays gone');
    assert.ok(containerOf(next, burner), 'the others stay');
    const appSample = await inbox.until<AppSample>(app.subscriptionId, (s) => !s.running);
    assert.deepEqual(appSample.containers, []);
    await client.request(UnsubscribeMetrics, { subscriptionId: server.subscriptionId });
    await client.request(UnsubscribeMetrics, { subscriptionId: app.subscriptionId });
  });

  it('sends nothing after unsubscribing', async function () {
    const { subscriptionId } = await client.request(SubscribeMetrics, {
      target: { kind: 'server', serverId },
      intervalSeconds: 1,
    });
    await inbox.until(subscriptionId, () => true);
    await client.request(UnsubscribeMetrics, { subscriptionId });
    const before = inbox.received.length;
    await sleep(2500);
    assert.equal(inbox.received.slice(before).filter((n) => n.subscriptionId === subscriptionId).length, 0);
    await expectRpcError(client.request(UnsubscribeMetrics, { subscriptionId }), ErrorCode.NotFound);
  });

  it('ends the subscriptions of a connection that closes, and stops sampling', async function () {
    const other = await TestClient.open(agent.url, token);
    // An interval nobody else uses, so its sampler runs for this connection alone.
    const { subscriptionId } = await other.request(SubscribeMetrics, {
      target: { kind: 'app', appId: 'burner' },
      intervalSeconds: 7,
    });
    const logged = agent.logs.length;
    await other.close();
    for (let attempt = 0; attempt < 50; attempt++) {
      const lines = agent.logs.slice(logged);
      const removed = lines.some(
        (l) =>
          l.msg === 'metrics subscription removed' &&
          l.subscriptionId === subscriptionId &&
          l.reason === 'disconnected',
      );
      if (removed && lines.some((l) => l.msg === 'metrics sampling stopped' && l.intervalSeconds === 7))
        return;
      await sleep(100);
    }
    assert.fail('the agent did not log the subscription ending and the 7 s sampler stopping');
  });

  it('shows an app\u2019s metrics only to callers who see its project, and knows no made-up app', async function () {
    const outsider = await TestClient.open(agent.url, agent.createToken('viewer'));
    try {
      const hidden = await rpcErrorOf(
        outsider.request(MetricsHistory, { target: { kind: 'app', appId: 'burner' }, resolution: 'sample' }),
      );
      assert.equal(hidden.code, ErrorCode.NotFound);
      assert.equal((hidden.data as { kind?: string }).kind, 'project');
      const made = await rpcErrorOf(
        client.request(MetricsHistory, { target: { kind: 'app', appId: 'nosuchapp' }, resolution: 'sample' }),
      );
      assert.equal(made.code, ErrorCode.NotFound);
      assert.equal((made.data as { kind?: string }).kind, 'app');
      const { samples } = await outsider.request(MetricsHistory, {
        target: { kind: 'server', serverId },
        resolution: 'sample',
      });
      assert.ok(samples.length > 0, 'the earlier subscriptions left history');
      const seen = samples.flatMap((sample) => sample.containers.map((c) => c.appId));
      assert.deepEqual(
        seen.filter((appId) => appId !== null),
        [],
        'the viewer without a grant sees none of the project\u2019s containers',
      );
      const own = await client.request(MetricsHistory, {
        target: { kind: 'server', serverId },
        resolution: 'sample',
      });
      assert.ok(own.samples.some((sample) => sample.containers.some((c) => c.appId === 'burner')));
    } finally {
      await outsider.close();
    }
  });

  it('refuses bad intervals and foreign servers', async function () {
    for (const intervalSeconds of [0, 61, 1.5]) {
      await expectRpcError(
        client.request(SubscribeMetrics, { target: { kind: 'server', serverId }, intervalSeconds }),
        ErrorCode.InvalidParams,
      );
    }
    await expectRpcError(
      client.request(SubscribeMetrics, {
        target: { kind: 'server', serverId: 'elsewhere' },
        intervalSeconds: 5,
      }),
      ErrorCode.NotFound,
    );
  });

  it('returns the samples seen as history, per sample and per minute', async function () {
    const { subscriptionId } = await client.request(SubscribeMetrics, {
      target: { kind: 'server', serverId },
      intervalSeconds: 1,
    });
    const seen = await inbox.until<ServerSample>(subscriptionId, (s) => containerOf(s, burner) !== undefined);
    await client.request(UnsubscribeMetrics, { subscriptionId });
    const { samples } = await client.request(MetricsHistory, {
      target: { kind: 'server', serverId },
      resolution: 'sample',
    });
    assert.ok(samples.some((s) => s.sampledAt === seen.sampledAt));
    const since = await client.request(MetricsHistory, {
      target: { kind: 'server', serverId },
      resolution: 'sample',
      since: seen.sampledAt,
    });
    assert.ok(since.samples.every((s) => s.sampledAt > seen.sampledAt));
    const minutes = await client.request(MetricsHistory, {
      target: { kind: 'app', appId: 'burner' },
      resolution: 'minute',
    });
    assert.ok(minutes.samples.length >= 1);
    const last = minutes.samples[minutes.samples.length - 1] as AppSample;
    assert.equal(last.kind, 'app');
    assert.equal(last.running, true);
  });

  it('serves the figures to Prometheus scrapers holding an agent administrator\u2019s token', async function () {
    // Made before any request: the CLI takes seconds, and a kept-alive socket may close meanwhile.
    const scraper = agent.createToken('owner', 'prometheus');
    assert.equal(runAgentCli(agent.dataDir, ['admin', 'grant', 'prometheus@tokens.local']).status, 0);
    const url = `${agent.url.replace(/^ws/, 'http')}/metrics`;
    assert.equal((await fetch(url)).status, 401);
    // Every organization's containers are in it: an organization owner's token is not enough.
    assert.equal((await fetch(url, { headers: { Authorization: `Bearer ${token}` } })).status, 403);
    const response = await fetch(url, { headers: { Authorization: `Bearer ${scraper}` } });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/plain/);
    const text = await response.text();
    assert.match(text, /^# TYPE paas_container_cpu_seconds_total counter$/m);
    assert.match(
      text,
      new RegExp(`^paas_container_memory_used_bytes\\{container_id="${hog.id}",.*app="hog"\\} \\d+`, 'm'),
    );
    assert.match(text, /^paas_host_memory_total_bytes \d+/m);
  });
});
