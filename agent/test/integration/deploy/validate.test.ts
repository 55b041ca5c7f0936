import assert from 'node:assert/strict';
import { DeployApp, RetryApp, type Environment } from '@paas/protocol';
import {
  addonFiles,
  dockerClient,
  manifestText,
  withAdminClient,
  type AddonSpec,
  type TempRepo,
} from '@paas/scripts/out/src/testkit/index.js';
import { addonRepo, createProject, describeJob, waitJob, useDeployAgent } from './deployKit';

/** Branch contents that Odoo would fail on, or skip a module of, and what the job error must name. */
const BROKEN: { branch: string; why: string; files: Record<string, string | null>; error: RegExp }[] = [
  {
    branch: 'not-a-literal',
    why: 'a manifest that is not a literal (a function call)',
    files: { 'paas_demo/__manifest__.py': "{\n    'name': 'demo',\n    'data': glob('views/*.xml'),\n}\n" },
    error: /^paas_demo\/__manifest__\.py:3: module paas_demo: not a Python literal .*call of glob\(\)/m,
  },
  {
    branch: 'syntax-error',
    why: 'a manifest with a syntax error',
    files: { 'paas_demo/__manifest__.py': "{\n    'name': 'demo'\n    'version': '1.0',\n}\n" },
    error: /^paas_demo\/__manifest__\.py:3: module paas_demo: SyntaxError/m,
  },
  {
    branch: 'cycle',
    why: 'a dependency cycle',
    files: {
      'paas_demo/__manifest__.py': manifestText('paas_demo', { depends: ['paas_other'] }),
      'paas_other/__manifest__.py': manifestText('paas_other', { depends: ['paas_demo'] }),
      'paas_other/__init__.py': '',
    },
    error:
      /: module paas_(demo|other): dependency cycle: paas_(demo|other) → paas_(demo|other) → paas_(demo|other)/,
  },
  {
    branch: 'no-init',
    why: 'a module folder without __init__.py',
    files: { 'paas_demo/__init__.py': null },
    error: /^paas_demo\/__manifest__\.py: module paas_demo: has no __init__\.py/m,
  },
  {
    branch: 'twice',
    why: 'two modules of the same name in two addons paths',
    files: {
      'paas_demo/__manifest__.py': null,
      'paas_demo/__init__.py': null,
      'one/paas_twin/__manifest__.py': manifestText('paas_twin', {}),
      'one/paas_twin/__init__.py': '',
      'two/paas_twin/__manifest__.py': manifestText('paas_twin', {}),
      'two/paas_twin/__init__.py': '',
    },
    error:
      /^two\/paas_twin\/__manifest__\.py: module paas_twin: is also in one\/paas_twin\/__manifest__\.py/m,
  },
  {
    branch: 'not-installable',
    why: 'a module marked installable: False that the branch installs',
    files: { 'paas_demo/__manifest__.py': "{'name': 'demo', 'depends': ['base'], 'installable': False}\n" },
    error:
      /^paas_demo\/__manifest__\.py: module paas_demo: is marked installable: False, and the job would install it/m,
  },
  {
    branch: 'missing-dependency',
    why: 'a depends naming a module that exists nowhere',
    files: { 'paas_demo/__manifest__.py': manifestText('paas_demo', { depends: ['mail', 'sale'] }) },
    error:
      /^paas_demo\/__manifest__\.py: module paas_demo: depends on sale, which is in no addons path and not in the image$/m,
  },
];

const ADDONS: Record<string, AddonSpec> = { paas_demo: { version: '1.0.0' } };

/** What puts the branch back as it was before `files` were committed. */
function restoring(files: Record<string, string | null>): Record<string, string | null> {
  const sound = addonFiles(ADDONS);
  return Object.fromEntries(Object.keys(files).map((path) => [path, sound[path] ?? null]));
}

describe('validate: a broken commit fails before anything changes', function () {
  this.timeout(180_000);
  const suite = useDeployAgent();
  let repo: TempRepo;
  let projectId: string;
  let code: string;
  let environment: Environment;
  let appId: string | undefined;

  before(async () => {
    repo = await addonRepo(ADDONS, ['broken']);
    // Auto-install: the branch's modules are what the job asks Odoo to install.
    const created = await createProject(suite.agent.client, repo, { automation: { autoInstall: true } });
    projectId = created.project.id;
    code = created.code;
    environment = created.environment;
  });

  /** Deploys the branch `broken` (the first time) or retries the failed deploy; resolves the job. */
  async function deployBroken() {
    const jobId = appId
      ? (await suite.agent.client.request(RetryApp, { appId })).jobId
      : (
          await suite.agent.client.request(DeployApp, {
            environmentId: environment.id,
            name: 'broken',
            branch: 'broken',
          })
        ).jobId;
    const result = await waitJob(suite.agent.client, jobId);
    appId = result.job.appId;
    return result;
  }

  for (const { branch, why, files, error } of BROKEN) {
    it(`refuses ${why}, naming the file and module, with no container and no database`, async () => {
      await repo.commit(files, `break it: ${branch}`, 'broken');
      const { job, steps } = await deployBroken();
      await repo.commit(restoring(files), `mend it: ${branch}`, 'broken');
      assert.equal(job.state, 'failed', describeJob(job));
      assert.equal(job.error?.code, 'ADDONS_INVALID', describeJob(job));
      assert.match(job.error!.message, error);
      assert.deepEqual(
        steps.filter((s) => s.state !== 'pending').map((s) => `${s.name}:${s.state}`),
        ['fetch:succeeded', 'validate:failed'],
      );
      const containers = await dockerClient().listContainers({
        all: true,
        filters: { label: [`sh.paas.project=${projectId}`] },
      });
      assert.deepEqual(containers, []);
      await withAdminClient(async (client) => {
        const { rows } = await client.query(
          'SELECT datname FROM pg_database WHERE starts_with(datname, $1)',
          [code.replace(/-/g, '_')],
        );
        assert.deepEqual(rows, [], 'no database made');
      });
    });
  }

  it('deploys the branch once it is sound again', async () => {
    const { job, steps } = await deployBroken();
    assert.equal(job.state, 'succeeded', describeJob(job));
    assert.match(
      steps.find((s) => s.name === 'validate')!.summary ?? '',
      /1 module\(s\) of the branch, \d+ of the image/,
    );
  });
});
