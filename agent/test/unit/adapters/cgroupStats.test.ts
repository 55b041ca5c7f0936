import assert from 'node:assert/strict';
import { cgroupFilesOf, keyedValue, parseNetDev } from '../../../src/adapters/docker/cgroupStats';
import { countersOfStats } from '../../../src/adapters/docker/streamStats';

describe('container counters', function () {
  it('finds cgroup v1 files whatever the controllers are mounted together with', function () {
    const files = cgroupFilesOf(42, '4:memory:/docker/abc\n2:cpu,cpuacct:/docker/abc\n0::/docker/abc\n');
    assert.equal(files?.version, 1);
    assert.equal(files?.cpu, '/sys/fs/cgroup/cpu,cpuacct/docker/abc/cpuacct.usage');
    assert.equal(files?.memoryStat, '/sys/fs/cgroup/memory/docker/abc/memory.stat');
    assert.equal(files?.netDev, '/proc/42/net/dev');
  });

  it('finds cgroup v2 files on a unified host', function () {
    const files = cgroupFilesOf(7, '0::/system.slice/docker-abc.scope\n');
    assert.equal(files?.version, 2);
    assert.equal(files?.memoryLimit, '/sys/fs/cgroup/system.slice/docker-abc.scope/memory.max');
    assert.equal(cgroupFilesOf(7, ''), undefined);
  });

  it('reads keyed files and /proc/net/dev without loopback', function () {
    assert.equal(keyedValue('usage_usec 1500\nuser_usec 1000\n', 'usage_usec'), 1500);
    assert.equal(keyedValue('total_inactive_file 5\n', 'inactive_file'), undefined);
    const netDev = [
      'Inter-|   Receive                                                |  Transmit',
      ' face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed',
      '    lo:    1000      10    0    0    0     0          0         0     1000      10    0    0    0     0       0          0',
      '  eth0:     956      10    0    0    0     0          0         0      300       3    0    0    0     0       0          0',
    ].join('\n');
    assert.deepEqual(parseNetDev(netDev), { rx: 956, tx: 300 });
  });

  it('reads a Docker stats frame the way docker stats does', function () {
    const counters = countersOfStats({
      cpu_stats: { cpu_usage: { total_usage: 5e9 } },
      memory_stats: { usage: 1000, limit: 4000, stats: { total_inactive_file: 300 } },
      networks: { eth0: { rx_bytes: 10, tx_bytes: 20 }, eth1: { rx_bytes: 1, tx_bytes: 2 } },
    });
    assert.deepEqual(counters, {
      cpuNanoseconds: 5e9,
      memoryUsedBytes: 700,
      memoryLimitBytes: 4000,
      networkRxBytes: 11,
      networkTxBytes: 22,
    });
  });
});
