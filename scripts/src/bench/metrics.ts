import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { DidSampleMetrics, SubscribeMetrics } from '@paas/protocol';
import { startAgentProcess } from '../agentProcess';
import { buildBusyboxImage, docker, removeLabelled, runBusybox } from '../busybox';
import { TestClient } from '../testClient';
import type { BenchResult } from './result';

const CONTAINERS = 20;
const INTERVAL_SECONDS = 5;
const WINDOW_MS = 30_000;
const BASELINE_RUNS = 3;
const BENCH_LABEL = 'sh.paas.bench';
const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());

/** CPU time a process used so far (user + system), in milliseconds, from `/proc/<pid>/stat`. */
function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesised command name; utime and stime are the 14th and 15th fields.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND) * 1000;
}

function rssMbOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
  return Number(line?.[1] ?? 0) / 1024;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The baseline: `docker stats --no-stream` over the same containers, once per sample, as a script polling
 * Docker would. Its cost is the CLI's CPU plus what dockerd spends answering (other work on the shared
 * engine may add to that; the median of a few runs damps it).
 */
function dockerStatsCpuMsPerSample(ids: readonly string[]): number {
  const dockerd = Number(execFileSync('pidof', ['dockerd'], { encoding: 'utf8' }).trim().split(' ')[0]);
  const runs: number[] = [];
  for (let run = 0; run < BASELINE_RUNS; run++) {
    const before = cpuMsOf(dockerd);
    // bash's `times` prints its children's user and system time on its second line.
    const script = `docker stats --no-stream ${ids.join(' ')} > /dev/null; times`;
    const out = spawnSync('bash', ['-c', script], { encoding: 'utf8' }).stdout.trim().split('\n')[1] ?? '';
    const seconds = [...out.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
    runs.push(cpuMsOf(dockerd) - before + (seconds[0]! + seconds[1]!) * 1000);
  }
  return median(runs);
}

/** Agent CPU, memory and sample latency with 20 running managed containers sampled every 5 s. */
export async function benchMetrics(): Promise<BenchResult[]> {
  const runId = `bench-${process.pid}-${Date.now()}`;
  const image = `paas-bench/busybox:${runId}`;
  buildBusyboxImage(image);
  const agent = await startAgentProcess({ tls: false, env: { PAAS_AGENT_LOG_LEVEL: 'info' } });
  try {
    const client = await TestClient.connect(agent.url, agent.createToken('viewer'));
    const serverId = (await client.initialize()).agent.serverId;
    const labels = { [BENCH_LABEL]: runId, 'sh.paas.managed': 'true', 'sh.paas.server': serverId };
    const containers = await Promise.all(
      Array.from({ length: CONTAINERS }, (_, i) =>
        runBusybox({ image, script: 'exec sleep 3600', labels: { ...labels, 'sh.paas.app': `app${i}` } }),
      ),
    );
    const latencies: number[] = [];
    let counted = 0;
    client.onNotification(DidSampleMetrics, ({ sample }) => {
      latencies.push(Date.now() - Date.parse(sample.sampledAt));
      if (sample.kind === 'server') counted = sample.containers.length;
    });
    await client.request(SubscribeMetrics, {
      target: { kind: 'server', serverId },
      intervalSeconds: INTERVAL_SECONDS,
    });
    await sleep(INTERVAL_SECONDS * 1000 + 500); // the first sample: containers watched, caches warm
    const pid = agent.child.pid!;
    const cpuBefore = cpuMsOf(pid);
    latencies.length = 0;
    await sleep(WINDOW_MS);
    const agentCpuMs = cpuMsOf(pid) - cpuBefore;
    const rssMb = rssMbOf(pid);
    await client.close();
    if (counted !== CONTAINERS) throw new Error(`samples held ${counted} containers, not ${CONTAINERS}`);
    const perSample = agentCpuMs / Math.max(1, latencies.length);
    const baseline = dockerStatsCpuMsPerSample(containers.map((c) => c.id));
    return [
      {
        name: 'metrics: agent CPU (20 containers, 5 s)',
        value: (agentCpuMs / WINDOW_MS) * 100,
        unit: '% of a core',
        aim: '< 1',
      },
      { name: 'metrics: agent resident set', value: rssMb, unit: 'MB', aim: '< 100' },
      {
        name: 'metrics: sample → client latency (median)',
        value: median(latencies),
        unit: 'ms',
        aim: '< 50',
      },
      { name: 'metrics: sample → client latency (max)', value: Math.max(...latencies), unit: 'ms' },
      {
        name: 'metrics: CPU per sample of 20 containers',
        value: perSample,
        unit: 'ms',
        baseline: { name: 'docker stats --no-stream (CLI + dockerd)', value: baseline },
        ratio: perSample / baseline,
        aim: 'ratio ≪ 1',
      },
    ];
  } finally {
    await agent.stop();
    await removeLabelled(BENCH_LABEL, runId);
    await docker
      .getImage(image)
      .remove({ force: true })
      .catch(() => undefined);
  }
}
