import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  DeleteProject,
  DeployApp,
  DestroyApp,
  DisableApp,
  EnableApp,
  ErrorCode,
  GetApp,
  ListApps,
  ListDatabases,
  ListJobs,
  RestartApp,
  StartApp,
  StopApp,
  type App,
} from '@paas/protocol';
import { dockerClient, httpRequest, waitHttp } from '@paas/scripts/out/src/testkit/index.js';
import { rpcErrorOf } from '../../helpers/client';
import { addonRepo, createProject, describeJob, waitJob, useDeployAgent } from './deployKit';

async function containersOf(projectId: string): Promise<string[]> {
  const found = await dockerClient().listContainers({
    all: true,
    filters: { label: [`sh.paas.project=${projectId}`] },
  });
  return found.map((c) => c.Names[0] ?? c.Id);
}

describe('lifecycle: stop, start, restart, disable, enable, destroy', function () {
  this.timeout(180_000);
  const suite = useDeployAgent();
  let app: App;
  let projectId: string;
  let code: string;

  before(async () => {
    const repo = await addonRepo({ paas_demo: { version: '1.0.0', files: { STANDIN_LOG_WARNINGS: '3' } } }, [
      'feature',
    ]);
    const created = await createProject(suite.agent.client, repo, { branch: 'main' });
    projectId = created.project.id;
    code = created.code;
    const { job } = await waitJob(suite.agent.client, created.jobId!);
    assert.equal(job.state, 'succeeded', describeJob(job));
    app = (await suite.agent.client.request(GetApp, { appId: job.appId })).app;
  });

  it('counts WARNING lines since the deploy (log stats badges)', async () => {
    const deadline = Date.now() + 15_000;
    let current = app;
    while (current.logStats.warnings < 3 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      current = (await suite.agent.client.request(GetApp, { appId: app.id })).app;
    }
    assert.equal(current.logStats.warnings, 3);
    assert.equal(current.logStats.errors, 0);
  });

  it('stops (URL answers 503) and starts again', async () => {
    const stopped = await suite.agent.client.request(StopApp, { appId: app.id });
    assert.equal(stopped.app.state, 'stopped');
    assert.equal((await httpRequest(`${app.url}/web/health`)).status, 503);
    const started = await suite.agent.client.request(StartApp, { appId: app.id });
    assert.equal(started.app.state, 'running');
    assert.equal((await httpRequest(`${app.url}/web/health`)).status, 200);
  });

  it('restarts and answers again', async () => {
    const restarted = await suite.agent.client.request(RestartApp, { appId: app.id });
    assert.equal(restarted.app.state, 'running');
    await waitHttp(`${app.url}/web/health`, 5000);
  });

  it('disables (hidden, stopped) and enables', async () => {
    const disabled = await suite.agent.client.request(DisableApp, { appId: app.id });
    assert.equal(disabled.app.disabled, true);
    assert.equal(disabled.app.state, 'stopped');
    assert.equal(
      (await suite.agent.client.request(ListApps, { projectId, includeDisabled: false })).apps.length,
      0,
    );
    assert.equal(
      (await suite.agent.client.request(ListApps, { projectId, includeDisabled: true })).apps.length,
      1,
    );
    const refused = await rpcErrorOf(suite.agent.client.request(StartApp, { appId: app.id }));
    assert.equal(refused.code, ErrorCode.Conflict);
    await suite.agent.client.request(EnableApp, { appId: app.id });
    const started = await suite.agent.client.request(StartApp, { appId: app.id });
    assert.equal(started.app.state, 'running');
  });

  it('keeps the job history (Workflows) queryable', async () => {
    const { jobs } = await suite.agent.client.request(ListJobs, { projectId, limit: 50 });
    assert.equal(jobs.length, 1);
    assert.equal(jobs[0]!.state, 'succeeded');
    const pending = await suite.agent.client.request(ListJobs, {
      projectId,
      states: ['queued', 'running'],
      limit: 50,
    });
    assert.equal(pending.jobs.length, 0);
  });

  it('destroys an app only with its name as confirmation: containers, database, files gone', async () => {
    const refused = await rpcErrorOf(
      suite.agent.client.request(DestroyApp, { appId: app.id, confirmName: 'nope' }),
    );
    assert.equal(refused.code, ErrorCode.InvalidParams);
    await suite.agent.client.request(DestroyApp, { appId: app.id, confirmName: app.name });
    assert.deepEqual(await containersOf(projectId), []);
    const { databases } = await suite.agent.client.request(ListDatabases, { serverId: app.databaseServerId });
    assert.ok(!databases.some((d) => d.name === app.databaseName));
    assert.ok(!existsSync(join(suite.agent.dataDir, 'apps', app.id)));
    assert.equal(
      (await rpcErrorOf(suite.agent.client.request(GetApp, { appId: app.id }))).code,
      ErrorCode.NotFound,
    );
    await assert.rejects(httpRequest(`${app.url}/web/health`, { timeoutMs: 2000 }));
  });

  it('deletes a project with its apps only with its code as confirmation', async () => {
    const second = await suite.agent.client.request(DeployApp, {
      environmentId: app.environmentId,
      name: 'feature app',
      branch: 'feature',
    });
    const { job } = await waitJob(suite.agent.client, second.jobId);
    assert.equal(job.state, 'succeeded', describeJob(job));
    const refused = await rpcErrorOf(
      suite.agent.client.request(DeleteProject, { projectId, confirmCode: 'wrong', skipFinalBackups: false }),
    );
    assert.equal(refused.code, ErrorCode.InvalidParams);
    await suite.agent.client.request(DeleteProject, {
      projectId,
      confirmCode: code,
      skipFinalBackups: false,
    });
    assert.equal(
      (await rpcErrorOf(suite.agent.client.request(GetApp, { appId: second.app.id }))).code,
      ErrorCode.NotFound,
    );
    assert.deepEqual(await containersOf(projectId), []);
    assert.ok(!existsSync(join(suite.agent.dataDir, 'mirrors', `${code}.git`)));
  });
});
