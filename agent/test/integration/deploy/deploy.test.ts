import assert from 'node:assert/strict';
import { GetApp, ListApps, StreamAppLogs, AppDidLog, type LogLine } from '@paas/protocol';
import { httpRequest, waitHttp } from '@paas/scripts/out/src/testkit/index.js';
import { addonRepo, createProject, describeJob, waitJob, useDeployAgent } from './deployKit';

describe('deploy: a branch becomes a running app', function () {
  this.timeout(180_000);
  const suite = useDeployAgent();

  it('deploys the first branch of a new project and answers at its URL', async () => {
    const repo = await addonRepo({ paas_demo: { version: '1.0.0', files: { PAAS_REVISION: 'one' } } });
    const created = await createProject(suite.agent.client, repo, { branch: 'main' });
    assert.ok(created.jobId, 'a deploy job was started');
    const { job, steps } = await waitJob(suite.agent.client, created.jobId!);
    assert.equal(job.state, 'succeeded', describeJob(job) + steps.map((s) => s.log).join('\n'));
    const { apps } = await suite.agent.client.request(ListApps, {
      projectId: created.project.id,
      includeDisabled: false,
    });
    assert.equal(apps.length, 1);
    const app = apps[0]!;
    assert.equal(app.state, 'running');
    assert.equal(app.commitSha, await repo.head('main'));
    assert.ok(app.url);
    const health = await waitHttp(`${app.url}/web/health`, 10_000);
    assert.equal(health.status, 200);
    const state = await httpRequest(`${app.url}/paas-test/state`);
    assert.equal(JSON.parse(state.body).revision, 'one');
    for (const step of steps.filter((s) => s.state === 'succeeded')) assert.ok(step.durationMs !== null);

    const lines: LogLine[] = [];
    const ended = new Promise<void>((resolve) =>
      suite.agent.client.onNotification(AppDidLog, (params) => {
        lines.push(...params.lines);
        if (params.ended) resolve();
      }),
    );
    await suite.agent.client.request(StreamAppLogs, { appId: app.id, tail: 50, follow: false });
    await ended;
    assert.ok(
      lines.some((l) => l.level === 'INFO' && l.logger === 'odoo.service.server'),
      JSON.stringify(lines.slice(0, 5)),
    );
    const again = await suite.agent.client.request(GetApp, { appId: app.id });
    assert.equal(again.app.revision, 1);
  });
});
