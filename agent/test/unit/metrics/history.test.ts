import assert from 'node:assert/strict';
import type { ContainerSample, ServerSample } from '@paas/protocol';
import { SampleHistory } from '../../../src/services/metrics/history';

function container(id: string, cpuPercent: number, at: string): ContainerSample {
  return {
    containerId: id,
    name: id,
    appId: 'app1',
    cpuPercent,
    memory: { usedBytes: 100, limitBytes: 1000 },
    network: { rxBytesPerSecond: 0, txBytesPerSecond: 0 },
    restarts: 0,
    sampledAt: at,
  };
}

function sample(at: string, cpu: number, containers: [string, number][] = []): ServerSample {
  return {
    kind: 'server',
    serverId: 's1',
    hostname: 'h',
    ipAddresses: [],
    cpu: { percent: cpu, cores: 2 },
    load: [cpu, 0, 0],
    memory: { usedBytes: cpu * 10, totalBytes: 1000 },
    disks: [],
    network: { rxBytesPerSecond: cpu, txBytesPerSecond: 0 },
    uptimeSeconds: 1,
    containers: containers.map(([id, c]) => container(id, c, at)),
    sampledAt: at,
  };
}

describe('metrics history', function () {
  it('keeps the window of samples, and at most the cap', function () {
    const history = new SampleHistory({ sampleWindowMs: 10_000, maxSamples: 3, minuteWindowMs: 86_400_000 });
    for (const second of [0, 2, 4, 6, 20])
      history.record(sample(`2026-01-01T00:00:${String(second).padStart(2, '0')}.000Z`, 1));
    assert.deepEqual(
      history.query('sample').map((s) => s.sampledAt),
      ['2026-01-01T00:00:20.000Z'],
      'the older ones fell out of the 10 s window',
    );
    for (const second of [21, 22, 23]) history.record(sample(`2026-01-01T00:00:${second}.000Z`, 1));
    assert.equal(history.query('sample').length, 3);
    assert.deepEqual(
      history.query('sample', '2026-01-01T00:00:22.000Z').map((s) => s.sampledAt),
      ['2026-01-01T00:00:23.000Z'],
    );
  });

  it('averages each minute, containers included, and shows the minute in progress', function () {
    const history = new SampleHistory();
    history.record(sample('2026-01-01T00:00:10.000Z', 10, [['a', 50]]));
    history.record(
      sample('2026-01-01T00:00:40.000Z', 30, [
        ['a', 100],
        ['b', 20],
      ]),
    );
    history.record(sample('2026-01-01T00:01:05.000Z', 90));
    const minutes = history.query('minute');
    assert.deepEqual(
      minutes.map((m) => m.sampledAt),
      ['2026-01-01T00:00:00.000Z', '2026-01-01T00:01:00.000Z'],
    );
    const first = minutes[0]!;
    assert.equal(first.cpu.percent, 20);
    assert.equal(first.memory.usedBytes, 200);
    assert.deepEqual(
      first.containers.map((c) => [c.containerId, c.cpuPercent]),
      [
        ['a', 75],
        ['b', 20],
      ],
    );
    assert.equal(minutes[1]!.cpu.percent, 90);
  });

  it('forgets minutes older than the window', function () {
    const history = new SampleHistory({
      sampleWindowMs: 3_600_000,
      maxSamples: 3600,
      minuteWindowMs: 120_000,
    });
    for (const minute of [0, 1, 2, 3, 4]) history.record(sample(`2026-01-01T00:0${minute}:00.000Z`, minute));
    assert.deepEqual(
      history.query('minute').map((m) => m.cpu.percent),
      [2, 3, 4],
    );
  });
});
