import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../src/config';

describe('metrics and Prometheus config', function () {
  it('is off by default', function () {
    const config = loadConfig({ file: undefined, env: {} });
    assert.equal(config.prometheusEnabled, false);
    assert.equal(config.prometheusPath, '/metrics');
    assert.equal(config.metricsHistoryAlways, false);
  });

  it('reads the environment', function () {
    const config = loadConfig({
      env: {
        PAAS_AGENT_PROMETHEUS_ENABLED: 'true',
        PAAS_AGENT_PROMETHEUS_PATH: '/prom',
        PAAS_AGENT_METRICS_HISTORY_ALWAYS: '1',
        PAAS_AGENT_METRICS_HISTORY_INTERVAL_SECONDS: '30',
      },
    });
    assert.equal(config.prometheusEnabled, true);
    assert.equal(config.prometheusPath, '/prom');
    assert.equal(config.metricsHistoryAlways, true);
    assert.equal(config.metricsHistoryIntervalSeconds, 30);
  });

  it('refuses bad values', function () {
    for (const env of [
      { PAAS_AGENT_METRICS_HISTORY_INTERVAL_SECONDS: '0' },
      { PAAS_AGENT_PROMETHEUS_PATH: '/healthz' },
      { PAAS_AGENT_PROMETHEUS_PATH: 'metrics' },
      { PAAS_AGENT_PROMETHEUS_ENABLED: 'yes please' },
    ])
      assert.throws(() => loadConfig({ env }), ConfigError);
  });
});
