import assert from 'node:assert/strict';
import { MetricsHistory } from '@paas/protocol';
import { startAgentProcess, type AgentProcess } from '../helpers/agentProcess';
import { TestClient } from '../helpers/client';

describe('metrics history without subscribers (metricsHistoryAlways)', function () {
  let agent: AgentProcess;

  before(async function () {
    agent = await startAgentProcess({
      tls: false,
      env: { PAAS_AGENT_METRICS_HISTORY_ALWAYS: 'true', PAAS_AGENT_METRICS_HISTORY_INTERVAL_SECONDS: '1' },
    });
  });

  after(async function () {
    await agent?.stop();
  });

  it('fills the history while nobody subscribes', async function () {
    const client = await TestClient.connect(agent.url, agent.createToken('viewer'));
    const serverId = (await client.initialize()).agent.serverId;
    let samples = 0;
    for (let attempt = 0; attempt < 50 && samples < 2; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const history = await client.request(MetricsHistory, {
        target: { kind: 'server', serverId },
        resolution: 'sample',
      });
      samples = history.samples.length;
    }
    await client.close();
    assert.ok(samples >= 2, `history holds ${samples} samples`);
  });
});
