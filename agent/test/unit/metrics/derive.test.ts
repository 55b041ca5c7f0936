import assert from 'node:assert/strict';
import type { ContainerSnapshot } from '../../../src/adapters/docker/containerProbe';
import type { HostSnapshot } from '../../../src/adapters/host/probe';
import {
  appSample,
  containerSamples,
  ratePerSecond,
  serverSample,
  type RawSample,
} from '../../../src/services/metrics/derive';

const host: HostSnapshot = {
  hostname: 'h',
  ipAddresses: ['10.0.0.2'],
  cores: 2,
  cpuBusyMs: 1000,
  cpuTotalMs: 4000,
  load: [0.5, 0.4, 0.3],
  memoryUsedBytes: 100,
  memoryTotalBytes: 1000,
  filesystems: [],
  networkRxBytes: 0,
  networkTxBytes: 0,
  uptimeSeconds: 10,
};

function container(id: string, appId: string | null, cpuSeconds: number, rx = 0): ContainerSnapshot {
  return {
    containerId: id,
    name: id,
    appId,
    cpuNanoseconds: cpuSeconds * 1e9,
    memoryUsedBytes: 50,
    memoryLimitBytes: 1000,
    networkRxBytes: rx,
    networkTxBytes: 0,
    restarts: 1,
  };
}

function raw(atMs: number, h: Partial<HostSnapshot>, containers: ContainerSnapshot[]): RawSample {
  return { atMs, sampledAt: new Date(atMs).toISOString(), host: { ...host, ...h }, containers };
}

describe('metrics rates', function () {
  it('turns counters into per-second rates and ignores resets', function () {
    assert.equal(ratePerSecond(100, 600, 5), 100);
    assert.equal(ratePerSecond(600, 100, 5), 0, 'a counter that went back (restart) is no negative rate');
    assert.equal(ratePerSecond(0, 100, 0), 0);
  });

  it('reports container CPU with 100 as one core, and 0 on first sight', function () {
    const first = raw(0, {}, [container('a', 'app1', 10)]);
    const second = raw(2000, {}, [container('a', 'app1', 13, 4000), container('b', 'app1', 5)]);
    const [a, b] = containerSamples(first, second);
    assert.equal(a!.cpuPercent, 150);
    assert.equal(a!.network.rxBytesPerSecond, 2000);
    assert.equal(b!.cpuPercent, 0, 'b appeared since the previous sample');
  });

  it('leaves out app labels that are no ids', function () {
    const [sample] = containerSamples(undefined, raw(0, {}, [container('a', 'not an id!', 1)]));
    assert.equal(sample!.appId, null);
  });

  it('computes the host CPU share over all cores', function () {
    const first = raw(0, {}, []);
    const second = raw(1000, { cpuBusyMs: 1500, cpuTotalMs: 6000, networkTxBytes: 3000 }, []);
    const sample = serverSample('s1', first, second, []);
    assert.equal(sample.cpu.percent, 25);
    assert.equal(sample.network.txBytesPerSecond, 3000);
    assert.deepEqual(sample.load, [0.5, 0.4, 0.3]);
  });

  it('sums an app over its own containers only', function () {
    const samples = containerSamples(
      raw(0, {}, [container('a', 'x', 0), container('b', 'x', 0), container('c', 'y', 0)]),
      raw(1000, {}, [container('a', 'x', 0.5), container('b', 'x', 0.25), container('c', 'y', 1)]),
    );
    const sample = appSample('x', samples, 'now');
    assert.equal(sample.cpuPercent, 75);
    assert.equal(sample.memory.usedBytes, 100);
    assert.equal(sample.restarts, 2);
    assert.equal(sample.containers.length, 2);
    const absent = appSample('z', samples, 'now');
    assert.equal(absent.running, false);
    assert.equal(absent.cpuPercent, 0);
  });
});
