import { strict as assert } from 'node:assert';
import {
  appHealth,
  buildProjectTree,
  childrenOf,
  type TreeApp,
  type TreeEnvironment,
} from '../../src/views/projects/projectTree';

function app(overrides: Partial<TreeApp> & Pick<TreeApp, 'id' | 'environmentId'>): TreeApp {
  return {
    projectId: 'p1',
    name: overrides.id,
    branch: `feature/${overrides.id}`,
    commitSha: 'a'.repeat(40),
    odooVersion: '17.0',
    state: 'running',
    disabled: false,
    url: null,
    pendingJobId: null,
    ...overrides,
  };
}

const environments: TreeEnvironment[] = [
  { id: 'dev', projectId: 'p1', type: 'development', serverId: 's' },
  { id: 'prod', projectId: 'p1', type: 'production', serverId: 's' },
  { id: 'stg', projectId: 'p1', type: 'staging', serverId: 's' },
];

describe('Projects tree building', () => {
  const apps = [
    app({ id: 'zeta', environmentId: 'dev', odooVersion: '18.0' }),
    app({ id: 'alpha', environmentId: 'dev', odooVersion: '17.0', state: 'error' }),
    app({ id: 'beta', environmentId: 'dev', odooVersion: '18.0', disabled: true, state: 'stopped' }),
    app({ id: 'main', environmentId: 'prod', odooVersion: '17.0' }),
    app({ id: 'old', environmentId: 'prod', odooVersion: '17.0', disabled: true, state: 'stopped' }),
  ];
  const input = {
    serverKey: 'srv',
    projects: [{ id: 'p1', name: 'Acme', registry: { url: 'x' } }],
    environments,
    apps,
  };

  it('orders environments production, staging, development with deployed/total counts', () => {
    const [project] = buildProjectTree(input, { showDisabled: false });
    assert.deepEqual(
      project!.environments.map((e) => [e.environment.type, e.deployed, e.total]),
      [
        ['production', 1, 1],
        ['staging', 0, 0],
        ['development', 1, 2],
      ],
    );
  });

  it('groups apps by Odoo version, newest first, with active/archived counts, hiding disabled apps', () => {
    const [project] = buildProjectTree(input, { showDisabled: false });
    const dev = project!.environments[2]!;
    assert.deepEqual(
      dev.versions.map((v) => [v.version, v.active, v.archived, v.apps.map((a) => a.app.id)]),
      [
        ['18.0', 1, 1, ['zeta']],
        ['17.0', 1, 0, ['alpha']],
      ],
    );
    const [withDisabled] = buildProjectTree(input, { showDisabled: true });
    assert.deepEqual(
      withDisabled!.environments[2]!.versions[0]!.apps.map((a) => a.app.id),
      ['beta', 'zeta'],
    );
  });

  it('gives every node a stable key under its parent, and children through childrenOf', () => {
    const [project] = buildProjectTree(input, { showDisabled: false });
    const keys: string[] = [];
    const walk = (node: Parameters<typeof childrenOf>[0]): void => {
      keys.push(node.key);
      childrenOf(node).forEach(walk);
    };
    walk(project!);
    assert.equal(new Set(keys).size, keys.length, 'keys are unique');
    assert.ok(keys.includes('srv/p:p1/e:dev/v:18.0/a:zeta'));
    const again = buildProjectTree(input, { showDisabled: false });
    assert.equal(again[0]!.key, project!.key);
  });

  it('derives the card state icon from state, pending jobs and log stats', () => {
    const base = app({ id: 'x', environmentId: 'dev' });
    assert.equal(appHealth(base), 'healthy');
    assert.equal(appHealth({ ...base, logStats: { warnings: 3, errors: 1 } }), 'warning');
    assert.equal(appHealth({ ...base, logStats: { warnings: 3, errors: 0 } }), 'healthy');
    assert.equal(appHealth({ ...base, state: 'fetching' }), 'inProgress');
    assert.equal(appHealth({ ...base, pendingJobId: 'job1' }), 'inProgress');
    assert.equal(appHealth({ ...base, state: 'canceled' }), 'error');
    assert.equal(appHealth({ ...base, state: 'stopped' }), 'stopped');
  });
});
