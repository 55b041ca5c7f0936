import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GetApp, type App } from '@paas/protocol';
import { withAdminClient } from '@paas/scripts/out/src/testkit/index.js';
import { addonRepo, createProject, describeJob, waitFor, waitJob, useDeployAgent } from './deployKit';

/** OCA queue_job's folder as a branch carries it (the stand-in needs its manifest only). */
const QUEUE_JOB = { queue_job: { version: '1.0.0', depends: ['web'] } };

describe('ocaQueue: apps run the OCA queue_job runner', function () {
  this.timeout(240_000);
  const suite = useDeployAgent();

  it('configures, installs and reports a running job runner', async () => {
    const repo = await addonRepo({ ...QUEUE_JOB, paas_a: { version: '1.0.0' } });
    const created = await createProject(suite.agent.client, repo, {
      branch: 'main',
      automation: { autoInstall: false, ocaQueue: true },
    });
    const { job, steps } = await waitJob(suite.agent.client, created.jobId!);
    assert.equal(job.state, 'succeeded', describeJob(job));
    assert.match(steps.find((s) => s.name === 'init')!.log, /-i base,queue_job /);
    let app: App = (await suite.agent.client.request(GetApp, { appId: job.appId })).app;
    const config = await readFile(join(suite.agent.dataDir, 'apps', app.id, 'rev-1', 'odoo.conf'), 'utf8');
    assert.match(config, /^server_wide_modules = base,web,queue_job$/m);
    assert.match(config, /^\[queue_job\]\nchannels = root:\d+$/m);
    const installed = await withAdminClient(async (client) => {
      const { rows } = await client.query<{ state: string }>(
        "SELECT state FROM ir_module_module WHERE name = 'queue_job'",
      );
      return rows[0]?.state;
    }, app.databaseName);
    assert.equal(installed, 'installed');
    app = await waitFor('the runner to be ready', async () => {
      const now = (await suite.agent.client.request(GetApp, { appId: app.id })).app;
      return now.queueRunner === 'running' ? now : undefined;
    });
    assert.equal(app.queueRunner, 'running');
  });

  it('fails the build with a clear error when no addons path holds queue_job', async () => {
    const repo = await addonRepo({ paas_a: { version: '1.0.0' } });
    const created = await createProject(suite.agent.client, repo, {
      branch: 'main',
      automation: { ocaQueue: true },
    });
    const { job } = await waitJob(suite.agent.client, created.jobId!);
    assert.equal(job.state, 'failed', describeJob(job));
    assert.equal(job.error?.code, 'QUEUE_JOB_MISSING');
    assert.match(job.error!.message, /OCA\/queue/);
  });

  it('reports no runner for an app without the queue', async () => {
    const repo = await addonRepo({ ...QUEUE_JOB });
    const created = await createProject(suite.agent.client, repo, { branch: 'main' });
    const { job } = await waitJob(suite.agent.client, created.jobId!);
    assert.equal(job.state, 'succeeded', describeJob(job));
    // The runner logs its first line 5 s after the server starts (START_DELAY): wait past it.
    await new Promise((resolve) => setTimeout(resolve, 8000));
    const app = (await suite.agent.client.request(GetApp, { appId: job.appId })).app;
    assert.equal(app.queueRunner, undefined);
  });
});
