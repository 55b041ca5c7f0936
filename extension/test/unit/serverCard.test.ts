import { strict as assert } from 'node:assert';
import type { ServerSample } from '@paas/protocol';
import { metricsCard, metricsSummary } from '../../src/views/servers/serverCard';

const GB = 1024 ** 3;
const sample: ServerSample = {
  kind: 'server',
  serverId: 'srv1',
  hostname: 'odoo-1',
  ipAddresses: ['10.0.0.5'],
  cpu: { percent: 12.4, cores: 4 },
  load: [0.5, 0.25, 0.1],
  memory: { usedBytes: 3.1 * GB, totalBytes: 7.8 * GB },
  disks: [
    { mount: '/boot', usedBytes: 0.1 * GB, totalBytes: 0.5 * GB, availableBytes: 0.4 * GB },
    // 5 GB reserved for root: df shows Use% 41 / (41 + 54) = 43%.
    { mount: '/', usedBytes: 41 * GB, totalBytes: 100 * GB, availableBytes: 54 * GB },
  ],
  network: { rxBytesPerSecond: 0, txBytesPerSecond: 0 },
  uptimeSeconds: 100,
  containers: [],
  sampledAt: '2026-11-22T12:00:00.000Z',
};

describe('server metrics card', () => {
  it('summarises CPU, RAM and the main disk for the Servers view description', () => {
    assert.equal(metricsSummary(sample), 'CPU 12% · RAM 3.1 GB/7.8 GB · Disk 43%');
  });

  it('lists the card figures for the tooltip', () => {
    const card = metricsCard(sample, Date.parse('2026-11-22T12:00:30.000Z'));
    assert.ok(card.includes('IP: 10.0.0.5'));
    assert.ok(card.some((line) => line.startsWith('CPU: 12% of 4 cores')));
    assert.ok(card.includes('Disk /: 41 GB of 100 GB, 54 GB available'));
    assert.ok(card.includes('Collected: 2026-11-22T12:00:00.000Z (30 s ago)'));
  });
});
