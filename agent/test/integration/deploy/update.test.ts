import assert from 'node:assert/strict';
import { GetApp, RetryApp, UpdateApp, type App } from '@paas/protocol';
import {
  httpRequest,
  manifestText,
  withAdminClient,
  type TempRepo,
} from '@paas/scripts/out/src/testkit/index.js';
import { addonRepo, createProject, describeJob, waitJob, useDeployAgent } from './deployKit';

/** Polls a URL until stopped; counts failures and the longest gap between two good answers. */
function poll(url: string) {
  let running = true;
  let ok = 0;
  let failed = 0;
  let last = Date.now();
  let longestGap = 0;
  const revisions = new Set<string>();
  const loop = (async () => {
    while (running) {
      try {
        const res = await httpRequest(url, { timeoutMs: 5000 });
        if (res.status === 200) {
          ok++;
          revisions.add(String(JSON.parse(res.body).revision));
          longestGap = Math.max(longestGap, Date.now() - last);
          last = Date.now();
        } else failed++;
      } catch {
        failed++;
      }
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { ok, failed, longestGap, revisions: [...revisions] };
    },
  };
}

async function moduleVersions(app: App): Promise<Record<string, string>> {
  const res = await httpRequest(`${app.url}/paas-test/state`);
  const body = JSON.parse(res.body) as { modules: { name: string; latest_version: string | null }[] };
  return Object.fromEntries(body.modules.map((m) => [m.name, m.latest_version ?? '']));
}

describe('update: new commits roll forward without downtime, failures roll back', function () {
  this.timeout(240_000);
  const suite = useDeployAgent();
  let repo: TempRepo;
  let app: App;

  before(async () => {
    repo = await addonRepo({
      paas_a: { version: '1.0.0', files: { PAAS_REVISION: 'r1' } },
      paas_b: { version: '1.0.0' },
    });
    const created = await createProject(suite.agent.client, repo, {
      branch: 'main',
      automation: { autoInstall: true },
    });
    const { job } = await waitJob(suite.agent.client, created.jobId!);
    assert.equal(job.state, 'succeeded', describeJob(job));
    app = (
      await suite.agent.client.request(GetApp, {
        appId: (await waitJob(suite.agent.client, created.jobId!)).job.appId,
      })
    ).app;
  });

  it('says so when the branch has no new commit', async () => {
    const result = await suite.agent.client.request(UpdateApp, { appId: app.id });
    assert.equal(result.upToDate, true);
    assert.equal(result.jobId, null);
    assert.match(result.message, /no new commit/);
  });

  it('updates to a new commit with zero failed requests while a client polls', async () => {
    const sha = await repo.commit({ 'paas_a/PAAS_REVISION': 'r2' }, 'code change only');
    const poller = poll(`${app.url}/paas-test/state`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const result = await suite.agent.client.request(UpdateApp, { appId: app.id });
    assert.ok(result.jobId);
    const { job, steps } = await waitJob(suite.agent.client, result.jobId);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const polled = await poller.stop();
    assert.equal(job.state, 'succeeded', describeJob(job));
    assert.equal(polled.failed, 0, JSON.stringify(polled));
    assert.deepEqual(polled.revisions, ['r1', 'r2']);
    assert.equal(steps.find((s) => s.name === 'moduleUpdate')?.state, 'skipped');
    app = (await suite.agent.client.request(GetApp, { appId: app.id })).app;
    assert.equal(app.commitSha, sha);
    assert.equal(app.revision, 2);
  });

  it('runs the module update only for modules whose manifest version changed', async () => {
    await repo.commit(
      { 'paas_b/__manifest__.py': manifestText('paas_b', { version: '1.1.0' }) },
      'bump paas_b',
    );
    const { jobId } = await suite.agent.client.request(UpdateApp, { appId: app.id });
    const { job, steps } = await waitJob(suite.agent.client, jobId!);
    assert.equal(job.state, 'succeeded', describeJob(job));
    const update = steps.find((s) => s.name === 'moduleUpdate')!;
    assert.equal(update.state, 'succeeded');
    assert.equal(update.summary, 'updated paas_b');
    assert.match(update.log, /-u paas_b /);
    assert.equal(steps.find((s) => s.name === 'snapshot')?.state, 'succeeded');
    app = (await suite.agent.client.request(GetApp, { appId: app.id })).app;
    const versions = await moduleVersions(app);
    assert.equal(versions.paas_b, '17.0.1.1.0');
    assert.equal(versions.paas_a, '17.0.1.0.0');
  });

  it('rolls back a failing module update: old revision serves, database as before', async () => {
    const before = await moduleVersions(app);
    await repo.commit(
      {
        'paas_a/__manifest__.py': manifestText('paas_a', { version: '1.2.0' }),
        'paas_b/__manifest__.py': manifestText('paas_b', { version: '1.2.0' }),
        'paas_b/STANDIN_FAIL_UPDATE': '',
        'paas_a/PAAS_REVISION': 'broken',
      },
      'bump both, paas_b fails its update',
    );
    const poller = poll(`${app.url}/paas-test/state`);
    const { jobId } = await suite.agent.client.request(UpdateApp, { appId: app.id });
    const { job, steps } = await waitJob(suite.agent.client, jobId!);
    const polled = await poller.stop();
    assert.equal(job.state, 'failed', describeJob(job));
    assert.equal(job.error?.code, 'MODULE_UPDATE_FAILED');
    assert.match(steps.find((s) => s.name === 'moduleUpdate')!.log, /STANDIN_FAIL_UPDATE/);
    const now = (await suite.agent.client.request(GetApp, { appId: app.id })).app;
    assert.equal(now.state, 'error');
    assert.equal(now.lastError?.code, 'MODULE_UPDATE_FAILED');
    assert.equal(now.commitSha, app.commitSha);
    assert.deepEqual(polled.revisions, ['r2']);
    // paas_a was updated before paas_b failed; the restored snapshot undoes it.
    assert.deepEqual(await moduleVersions(now), before);
    await withAdminClient(async (client) => {
      const { rows } = await client.query('SELECT datname FROM pg_database WHERE datname LIKE $1', [
        `${now.databaseName}%`,
      ]);
      assert.deepEqual(
        rows.map((r) => r.datname),
        [now.databaseName],
        'no snapshot or discarded copy left',
      );
    });
  });

  it('keeps the old revision when the new one fails to start, then retries once fixed', async () => {
    // The running versions again, so no module update runs and the failure is the new container's start.
    await repo.commit(
      {
        'paas_a/__manifest__.py': manifestText('paas_a', { version: '1.0.0' }),
        'paas_b/__manifest__.py': manifestText('paas_b', { version: '1.1.0' }),
        'paas_b/STANDIN_FAIL_UPDATE': null,
        'paas_a/STANDIN_FAIL_START': '',
      },
      'fails at start',
    );
    const { jobId } = await suite.agent.client.request(UpdateApp, { appId: app.id });
    const failed = await waitJob(suite.agent.client, jobId!);
    assert.equal(failed.job.state, 'failed', describeJob(failed.job));
    assert.match(failed.job.error!.code, /CONTAINER_EXITED|HEALTH_TIMEOUT/);
    assert.match(failed.steps.find((s) => s.name === 'health')!.log, /Couldn't load module paas_a/);
    assert.equal(JSON.parse((await httpRequest(`${app.url}/paas-test/state`)).body).revision, 'r2');

    await repo.commit(
      {
        'paas_a/STANDIN_FAIL_START': null,
        'paas_a/PAAS_REVISION': 'r3',
        'paas_a/__manifest__.py': manifestText('paas_a', { version: '1.2.0' }),
        'paas_b/__manifest__.py': manifestText('paas_b', { version: '1.2.0' }),
      },
      'fixed',
    );
    const retried = await suite.agent.client.request(RetryApp, { appId: app.id });
    const { job } = await waitJob(suite.agent.client, retried.jobId);
    assert.equal(job.state, 'succeeded', describeJob(job));
    const now = (await suite.agent.client.request(GetApp, { appId: app.id })).app;
    assert.equal(now.state, 'running');
    assert.equal(now.lastError, undefined);
    assert.equal(JSON.parse((await httpRequest(`${app.url}/paas-test/state`)).body).revision, 'r3');
    const versions = await moduleVersions(now);
    assert.equal(versions.paas_a, '17.0.1.2.0');
    assert.equal(versions.paas_b, '17.0.1.2.0');
  });

  it("fails at once when the new revision's registry cannot load, leading with the cause; the old one serves", async () => {
    await repo.commit(
      { 'paas_a/STANDIN_FAIL_REGISTRY': '', 'paas_a/PAAS_REVISION': 'r4' },
      'a view that does not parse, no version change',
    );
    const { jobId } = await suite.agent.client.request(UpdateApp, { appId: app.id });
    const { job, steps } = await waitJob(suite.agent.client, jobId!);
    assert.equal(job.state, 'failed', describeJob(job));
    assert.equal(job.error?.code, 'REGISTRY_FAILED', describeJob(job));
    const [cause, where] = job.error!.message.split('\n');
    assert.equal(
      cause,
      'lxml.etree.XMLSyntaxError: Opening and ending tag mismatch: field line 11 and record, line 12, column 14',
    );
    assert.equal(where, 'at /mnt/extra-addons/paas_a/views/views.xml, line 12');
    const health = steps.find((s) => s.name === 'health')!;
    assert.ok(health.durationMs! < 20_000, `failed after ${health.durationMs} ms, the timeout is 60 s`);
    assert.equal(JSON.parse((await httpRequest(`${app.url}/paas-test/state`)).body).revision, 'r3');
  });
});
