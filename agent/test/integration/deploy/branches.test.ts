import assert from 'node:assert/strict';
import { GetApp, UpdateApp, type App } from '@paas/protocol';
import { addonFiles, withAdminClient, type TempRepo } from '@paas/scripts/out/src/testkit/index.js';
import { addonRepo, createProject, describeJob, useDeployAgent, waitJob } from './deployKit';

/** Module name → state, read from the app's database (ir_module_module), as on any Odoo. */
async function moduleStates(app: App): Promise<Record<string, string>> {
  return withAdminClient(async (client) => {
    const { rows } = await client.query<{ name: string; state: string }>(
      'SELECT name, state FROM ir_module_module',
    );
    return Object.fromEntries(rows.map((r) => [r.name, r.state]));
  }, app.databaseName);
}

describe('branches behave as on Odoo.sh: a development app installs its own modules', function () {
  this.timeout(240_000);
  const suite = useDeployAgent();
  let repo: TempRepo;
  let app: App;

  before(async () => {
    repo = await addonRepo({ paas_one: { version: '1.0.0' }, paas_two: { version: '1.0.0' } });
    // No automation given: the environment's defaults decide.
    const created = await createProject(suite.agent.client, repo, { branch: 'main' });
    const { job } = await waitJob(suite.agent.client, created.jobId!);
    assert.equal(job.state, 'succeeded', describeJob(job));
    app = (await suite.agent.client.request(GetApp, { appId: job.appId })).app;
  });

  it('starts on a fresh database with the branch’s own modules installed (install only my modules)', async () => {
    const states = await moduleStates(app);
    assert.equal(states.base, 'installed');
    assert.equal(states.paas_one, 'installed');
    assert.equal(states.paas_two, 'installed');
  });

  it('installs modules new to the branch at every update, not only at the first deploy', async () => {
    for (const name of ['paas_three', 'paas_four']) {
      await repo.commit(addonFiles({ [name]: { version: '1.0.0' } }), `add ${name}`);
      const { jobId } = await suite.agent.client.request(UpdateApp, { appId: app.id });
      const { job, steps } = await waitJob(suite.agent.client, jobId!);
      assert.equal(job.state, 'succeeded', describeJob(job));
      assert.equal(steps.find((s) => s.name === 'moduleUpdate')?.summary, `installed ${name}`);
      assert.equal((await moduleStates(app))[name], 'installed');
    }
  });
});
