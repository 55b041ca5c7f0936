import assert from 'node:assert/strict';
import { CancelJob, DeployApp, GetApp, GetJob, ListJobs, RetryApp, UpdateEnvironment } from '@paas/protocol';
import { createTempRepo, dockerClient, httpRequest } from '@paas/scripts/out/src/testkit/index.js';
import { addonRepo, createProject, describeJob, useDeployAgent, waitFor, waitJob } from './deployKit';

describe('jobs: cancel, queue, shared addons', function () {
  this.timeout(180_000);
  const suite = useDeployAgent();

  it('cancels a running deploy: the step is aborted, nothing is left, retry works', async () => {
    const repo = await addonRepo({ paas_slow: { version: '1.0.0', files: { STANDIN_SLOW_START: '4000' } } });
    const created = await createProject(suite.agent.client, repo);
    const { client } = suite.agent;
    const { app, jobId } = await client.request(DeployApp, {
      environmentId: created.environment.id,
      name: 'slow',
      branch: 'main',
    });
    const queue = await client.request(ListJobs, {
      projectId: created.project.id,
      states: ['queued', 'running'],
      limit: 10,
    });
    assert.deepEqual(
      queue.jobs.map((j) => j.id),
      [jobId],
      'the Queue view shows the pending job',
    );
    await waitFor('the health step', async () => {
      const { job } = await client.request(GetJob, { jobId });
      return job.steps.find((s) => s.name === 'health')?.state === 'running' ? true : undefined;
    });
    await client.request(CancelJob, { jobId });
    const { job, steps } = await waitJob(client, jobId);
    assert.equal(job.state, 'canceled', describeJob(job));
    assert.equal(steps.find((s) => s.name === 'health')?.state, 'canceled');
    assert.equal((await client.request(GetApp, { appId: app.id })).app.state, 'canceled');
    const left = await dockerClient().listContainers({
      all: true,
      filters: { label: [`sh.paas.app=${app.id}`] },
    });
    assert.deepEqual(left, []);
    const retried = await client.request(RetryApp, { appId: app.id });
    assert.equal((await waitJob(client, retried.jobId)).job.state, 'succeeded');
  });

  it('mounts the environment\u2019s shared addons into every app', async () => {
    const shared = await createTempRepo({ addons: { paas_shared: { version: '2.0.0' } } });
    const repo = await addonRepo();
    const created = await createProject(suite.agent.client, repo, { automation: { autoInstall: true } });
    const { client } = suite.agent;
    await client.request(UpdateEnvironment, {
      environmentId: created.environment.id,
      sharedAddons: [{ url: shared.url, branch: 'main' }],
    });
    const { app, jobId } = await client.request(DeployApp, {
      environmentId: created.environment.id,
      name: 'with shared',
      branch: 'main',
    });
    const { job, steps } = await waitJob(client, jobId);
    assert.equal(job.state, 'succeeded', describeJob(job));
    assert.match(steps.find((s) => s.name === 'prepare')!.log, /\/mnt\/shared-addons\/0/);
    const { url } = (await client.request(GetApp, { appId: app.id })).app;
    const state = JSON.parse((await httpRequest(`${url}/paas-test/state`)).body) as {
      modules: { name: string; state: string }[];
    };
    assert.equal(state.modules.find((m) => m.name === 'paas_shared')?.state, 'installed');
  });
});
