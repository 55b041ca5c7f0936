import assert from 'node:assert/strict';
import { GetApp } from '@paas/protocol';
import { httpRequest, waitHttp } from '@paas/scripts/out/src/testkit/index.js';
import { addonRepo, createProject, describeJob, useDeployAgent, waitJob } from './deployKit';

/**
 * The README's statement on app URLs while the agent is down: all traffic goes through the agent's own
 * proxy, so URLs refuse connections until it is back; this measures how long "back" takes.
 */
describe('app URLs and the agent: down with it, back within seconds of its start', function () {
  this.timeout(180_000);
  const suite = useDeployAgent();

  it('refuses app URLs while the agent is down and answers them again soon after it starts', async () => {
    const created = await createProject(suite.agent.client, await addonRepo(), { branch: 'main' });
    const { job } = await waitJob(suite.agent.client, created.jobId!);
    assert.equal(job.state, 'succeeded', describeJob(job));
    const { app } = await suite.agent.client.request(GetApp, { appId: job.appId });
    await waitHttp(`${app.url}/web/health`, 10_000);

    await suite.agent.agent.kill();
    await assert.rejects(httpRequest(`${app.url}/web/health`, { timeoutMs: 2000 }), 'down with the agent');

    // The URL is polled from the moment the agent is started: it answers once reconcile served the app,
    // which happens before the agent listens for clients.
    const started = Date.now();
    const answered = waitHttp(`${app.url}/web/health`, 60_000).then(() => Date.now() - started);
    await suite.agent.restart();
    const answering = await answered;
    console.log(`    agent started → app URL answering again: ${answering} ms`);
    assert.ok(answering < 30_000, `the app URL answered ${answering} ms after the agent started`);
  });
});
