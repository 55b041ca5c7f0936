import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CancelJob, DryRunUpdate, GetApp, type App } from '@paas/protocol';
import { manifestText, withAdminClient, type TempRepo } from '@paas/scripts/out/src/testkit/index.js';
import { addonRepo, createProject, describeJob, waitFor, waitJob, useDeployAgent } from './deployKit';

/** An md5 per table of the database's public schema, over its rows in a stable order. */
async function checksum(database: string): Promise<Record<string, string>> {
  return withAdminClient(async (client) => {
    const { rows: tables } = await client.query<{ name: string }>(
      "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
    );
    const sums: Record<string, string> = {};
    for (const { name } of tables) {
      const { rows } = await client.query<{ sum: string }>(
        `SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS sum FROM "${name}" t`,
      );
      sums[name] = rows[0]!.sum;
    }
    return sums;
  }, database);
}

/** Databases whose names start with the app's (the app's own, snapshots, dry-run copies). */
async function databasesOf(app: App): Promise<string[]> {
  return withAdminClient(async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE starts_with(datname, $1) ORDER BY datname',
      [app.databaseName],
    );
    return rows.map((r) => r.datname);
  });
}

describe('dry-run update: the update rehearsed on a throwaway copy, production unchanged', function () {
  this.timeout(240_000);
  const suite = useDeployAgent();
  let repo: TempRepo;
  let app: App;

  before(async () => {
    repo = await addonRepo({ paas_a: { version: '1.0.0' }, paas_b: { version: '1.0.0' } });
    const created = await createProject(suite.agent.client, repo, {
      branch: 'main',
      type: 'production',
      automation: { autoInstall: true },
    });
    const { job } = await waitJob(suite.agent.client, created.jobId!);
    assert.equal(job.state, 'succeeded', describeJob(job));
    app = (await suite.agent.client.request(GetApp, { appId: job.appId })).app;
  });

  /** Everything a dry run may not leave behind: copies, checkouts, scratch files; the app as it was. */
  async function assertNothingLeft(jobId: string): Promise<void> {
    assert.deepEqual(await databasesOf(app), [app.databaseName]);
    assert.equal(existsSync(join(suite.agent.dataDir, 'tmp', 'dry-runs', jobId)), false);
    assert.equal(existsSync(join(suite.agent.dataDir, 'apps', app.id, `rev-${app.revision + 1}`)), false);
    const now = (await suite.agent.client.request(GetApp, { appId: app.id })).app;
    assert.equal(now.state, 'running');
    assert.equal(now.revision, app.revision);
    assert.equal(now.commitSha, app.commitSha);
    assert.equal(now.lastError ?? null, null);
  }

  it('reports the modules the update would install and update, and changes nothing', async () => {
    await repo.commit(
      {
        'paas_b/__manifest__.py': manifestText('paas_b', { version: '1.1.0' }),
        'paas_c/__manifest__.py': manifestText('paas_c', { version: '1.0.0' }),
        'paas_c/__init__.py': '',
      },
      'bump paas_b, add paas_c',
    );
    const before = await checksum(app.databaseName);
    const { jobId } = await suite.agent.client.request(DryRunUpdate, { appId: app.id });
    const { job, steps } = await waitJob(suite.agent.client, jobId);
    assert.equal(job.kind, 'dryRun');
    assert.equal(job.state, 'succeeded', describeJob(job));
    const rehearsal = steps.find((s) => s.name === 'moduleUpdate')!;
    assert.equal(rehearsal.summary, 'would update paas_b; would install paas_c');
    assert.match(rehearsal.log, /-u paas_b /);
    assert.match(rehearsal.log, /-i paas_c /);
    assert.ok((rehearsal.durationMs ?? 0) > 0);
    assert.match(steps.find((s) => s.name === 'database')!.summary ?? '', /neutralized/);
    assert.deepEqual(await checksum(app.databaseName), before, 'production database unchanged');
    await assertNothingLeft(jobId);
  });

  it('reports a broken module cause first, and production stays', async () => {
    await repo.commit(
      {
        'paas_a/__manifest__.py': manifestText('paas_a', { version: '1.2.0' }),
        'paas_a/STANDIN_FAIL_UPDATE': '',
      },
      'paas_a fails its update',
    );
    const before = await checksum(app.databaseName);
    const { jobId } = await suite.agent.client.request(DryRunUpdate, { appId: app.id });
    const { job, steps } = await waitJob(suite.agent.client, jobId);
    assert.equal(job.state, 'failed', describeJob(job));
    assert.equal(job.error?.code, 'MODULE_UPDATE_FAILED');
    assert.match(job.error?.message ?? '', /^[^\n]*paas_a/, 'the cause comes first');
    assert.match(steps.find((s) => s.name === 'moduleUpdate')!.log, /STANDIN_FAIL_UPDATE/);
    assert.deepEqual(await checksum(app.databaseName), before, 'production database unchanged');
    await assertNothingLeft(jobId);
  });

  it('throws the copy away when canceled', async () => {
    const { jobId } = await suite.agent.client.request(DryRunUpdate, { appId: app.id });
    await waitFor('the copy being made', async () => {
      const names = await databasesOf(app);
      return names.length > 1 ? names : undefined;
    });
    await suite.agent.client.request(CancelJob, { jobId });
    const { job } = await waitJob(suite.agent.client, jobId);
    assert.equal(job.state, 'canceled', describeJob(job));
    await assertNothingLeft(jobId);
  });
});
