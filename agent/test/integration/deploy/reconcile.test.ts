import assert from 'node:assert/strict';
import { DeployApp, GetApp, GetJob, GetReconcileReport, RetryApp, UpdateApp } from '@paas/protocol';
import {
  dockerClient,
  registerCleanup,
  STANDIN_IMAGE,
  uniqueName,
  waitHttp,
} from '@paas/scripts/out/src/testkit/index.js';
import { addonRepo, createProject, describeJob, waitFor, waitJob, useDeployAgent } from './deployKit';

describe('reconcile: the agent restarts and matches Docker to its store', function () {
  this.timeout(240_000);
  const suite = useDeployAgent();

  it('marks a deploy killed mid-way interrupted, undoes it, and retries it to success', async () => {
    const repo = await addonRepo({ paas_slow: { version: '1.0.0', files: { STANDIN_SLOW_START: '6000' } } });
    const created = await createProject(suite.agent.client, repo);
    const { app, jobId } = await suite.agent.client.request(DeployApp, {
      environmentId: created.environment.id,
      name: 'slow',
      branch: 'main',
    });
    await waitFor('the health step', async () => {
      const { job } = await suite.agent.client.request(GetJob, { jobId });
      return job.steps.find((s) => s.name === 'health')?.state === 'running' ? true : undefined;
    });
    await suite.agent.agent.kill();
    await suite.agent.restart();
    const { job } = await suite.agent.client.request(GetJob, { jobId });
    assert.equal(job.state, 'interrupted');
    const interrupted = (await suite.agent.client.request(GetApp, { appId: app.id })).app;
    assert.equal(interrupted.state, 'error');
    assert.equal(interrupted.lastError?.code, 'INTERRUPTED');
    const { report } = await suite.agent.client.request(GetReconcileReport, {});
    assert.deepEqual(report?.interruptedJobs, [jobId]);
    const left = await dockerClient().listContainers({
      all: true,
      filters: { label: [`sh.paas.app=${app.id}`] },
    });
    assert.deepEqual(left, [], 'the half-started container was removed');

    const retried = await suite.agent.client.request(RetryApp, { appId: app.id });
    const done = await waitJob(suite.agent.client, retried.jobId);
    assert.equal(done.job.state, 'succeeded', describeJob(done.job));
    const running = (await suite.agent.client.request(GetApp, { appId: app.id })).app;
    await waitHttp(`${running.url}/web/health`, 5000);
  });

  it('shows an app whose update was killed mid-way running on its previous revision, with the interruption', async () => {
    const repo = await addonRepo({ paas_steady: { version: '1.0.0' } });
    const created = await createProject(suite.agent.client, repo, { branch: 'main' });
    const deployed = await waitJob(suite.agent.client, created.jobId!);
    assert.equal(deployed.job.state, 'succeeded', describeJob(deployed.job));
    const app = (await suite.agent.client.request(GetApp, { appId: deployed.job.appId })).app;
    const before = app;
    await repo.commit(
      { 'paas_steady/STANDIN_SLOW_START': '8000' },
      'a code change whose revision starts slowly',
    );
    const started = await suite.agent.client.request(UpdateApp, { appId: app.id });
    const jobId = started.jobId!;
    await waitFor('the health step', async () => {
      const { job } = await suite.agent.client.request(GetJob, { jobId });
      return job.steps.find((s) => s.name === 'health')?.state === 'running' ? true : undefined;
    });
    await suite.agent.agent.kill();
    await suite.agent.restart();
    assert.equal((await suite.agent.client.request(GetJob, { jobId })).job.state, 'interrupted');
    const after = (await suite.agent.client.request(GetApp, { appId: app.id })).app;
    assert.equal(after.state, 'running', 'the previous revision serves again: the app is not in error');
    assert.equal(after.lastError?.code, 'INTERRUPTED');
    assert.equal(after.revision, before.revision);
    // A page that reads the database, not /web/health: the previous revision really serves.
    await waitHttp(`${after.url}/web/login`, 10_000);
    const candidates = await dockerClient().listContainers({
      all: true,
      filters: { label: [`sh.paas.app=${app.id}`] },
    });
    assert.deepEqual(
      candidates.map((c) => c.State),
      ['running'],
      'the candidate was removed; the previous revision runs',
    );
  });

  it('serves running apps again after an agent restart and reports containers it does not know', async () => {
    const repo = await addonRepo();
    const created = await createProject(suite.agent.client, repo, { branch: 'main' });
    const { job } = await waitJob(suite.agent.client, created.jobId!);
    assert.equal(job.state, 'succeeded', describeJob(job));
    const app = (await suite.agent.client.request(GetApp, { appId: job.appId })).app;
    const strayName = uniqueName('stray');
    const docker = dockerClient();
    const stray = await docker.createContainer({
      name: strayName,
      Image: STANDIN_IMAGE,
      Labels: { 'sh.paas.managed': 'true', 'sh.paas.server': app.serverId, 'sh.paas.app': 'unknownapp' },
    });
    registerCleanup(() => stray.remove({ force: true }), `remove ${strayName}`);

    await suite.agent.agent.kill();
    await suite.agent.restart();
    await waitHttp(`${app.url}/web/health`, 10_000);
    const { report } = await suite.agent.client.request(GetReconcileReport, {});
    assert.ok(report?.resumedApps.includes(app.id));
    const unknown = report?.unknownContainers.find((c) => c.name === strayName);
    assert.ok(unknown, JSON.stringify(report));
    assert.equal(unknown.labels['sh.paas.app'], 'unknownapp');
    assert.ok(await stray.inspect(), 'an unknown container is never deleted');
  });

  it("makes a project's network again when it went while the agent was down", async () => {
    const repo = await addonRepo();
    const created = await createProject(suite.agent.client, repo, { branch: 'main' });
    const { job } = await waitJob(suite.agent.client, created.jobId!);
    assert.equal(job.state, 'succeeded', describeJob(job));
    const app = (await suite.agent.client.request(GetApp, { appId: job.appId })).app;
    const docker = dockerClient();
    const network = `paas-${created.code}`;
    await suite.agent.agent.kill();
    // `docker network prune` removes the network of a stopped container the same way.
    const [container] = await docker.listContainers({ filters: { label: [`sh.paas.app=${app.id}`] } });
    await docker.getContainer(container!.Id).stop();
    await docker.getNetwork(network).remove();
    await suite.agent.restart();
    await waitHttp(`${app.url}/web/health`, 20_000);
    const made = await docker.getNetwork(network).inspect();
    assert.equal(made.Labels?.['sh.paas.project'], created.project.id);
  });
});
