import assert from 'node:assert/strict';
import { AppDidChange, GetApp, RestartApp, StartApp, StopApp, type App } from '@paas/protocol';
import { dockerClient, waitHttp } from '@paas/scripts/out/src/testkit/index.js';
import { addonRepo, createProject, describeJob, useDeployAgent, waitFor, waitJob } from './deployKit';

describe('container events: a dead app container is noticed within seconds and comes back', function () {
  this.timeout(240_000);
  const suite = useDeployAgent();
  let app: App;
  /** Every `apps/didChange` of the app, in order. */
  const changes: App[] = [];

  before(async () => {
    const created = await createProject(suite.agent.client, await addonRepo(), { branch: 'main' });
    const { job } = await waitJob(suite.agent.client, created.jobId!);
    assert.equal(job.state, 'succeeded', describeJob(job));
    app = (await suite.agent.client.request(GetApp, { appId: job.appId })).app;
    suite.agent.client.onNotification(AppDidChange, ({ app: changed }) => {
      if (changed.id === app.id) changes.push(changed);
    });
  });

  async function container() {
    const [found] = await dockerClient().listContainers({
      filters: { label: [`sh.paas.app=${app.id}`], status: ['running'] },
    });
    assert.ok(found, 'the app container runs');
    return dockerClient().getContainer(found.Id);
  }

  async function backRunning(since: number) {
    await waitFor(
      'the app running again',
      async () => (changes.slice(since).some((c) => c.state === 'running') ? true : undefined),
      60_000,
    );
    await waitHttp(`${app.url}/web/health`, 10_000);
    assert.equal((await suite.agent.client.request(GetApp, { appId: app.id })).app.state, 'running');
  }

  it('reports a `docker kill` as error with the exit code within seconds, and starts the app again', async () => {
    const since = changes.length;
    const killedAt = Date.now();
    await (await container()).kill();
    const down = await waitFor(
      'an apps/didChange saying the container died',
      async () => changes.slice(since).find((c) => c.state === 'error'),
      5_000,
    );
    assert.ok(Date.now() - killedAt < 5_000);
    assert.equal(down.lastError?.code, 'CONTAINER_EXITED');
    assert.match(down.lastError?.message ?? '', /exited with code 137; the agent starts it again in 1 s/);
    await backRunning(since);
  });

  it('reports a crash Docker restarts by its policy, and the app is running after it', async () => {
    const since = changes.length;
    const info = await (await container()).inspect();
    // Killed from outside Docker (a crash): the restart policy applies, unlike `docker kill`.
    process.kill(info.State.Pid, 'SIGKILL');
    const down = await waitFor(
      'an apps/didChange saying the container crashed',
      async () => changes.slice(since).find((c) => c.state === 'error'),
      5_000,
    );
    assert.match(down.lastError?.message ?? '', /exited with code 137; Docker restarts it \(restart \d+\)/);
    await backRunning(since);
  });

  it('leaves a stop and a restart through the agent alone', async () => {
    const since = changes.length;
    await suite.agent.client.request(RestartApp, { appId: app.id });
    await suite.agent.client.request(StopApp, { appId: app.id });
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    assert.deepEqual(
      changes.slice(since).filter((c) => c.state === 'error'),
      [],
      'no error for what the agent did itself',
    );
    assert.equal((await suite.agent.client.request(GetApp, { appId: app.id })).app.state, 'stopped');
    await suite.agent.client.request(StartApp, { appId: app.id });
  });
});
