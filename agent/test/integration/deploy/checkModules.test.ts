import assert from 'node:assert/strict';
import { createTempDatabase, ensureServices, withAdminClient } from '@paas/scripts/out/src/testkit/index.js';
import { PgAdapter } from '../../../src/adapters/postgres/pgAdapter';
import type { PgServer } from '../../../src/adapters/postgres/postgres';
import { JobFailure } from '../../../src/services/adapterErrors';
import type { ResolvedModule } from '../../../src/services/apps/manifest/resolveModules';
import { checkModuleStates } from '../../../src/services/apps/pipeline/checkModules';
import type { Run } from '../../../src/services/apps/pipeline/run';

/** What Odoo logs when it leaves out a module whose dependency is missing, and still exits 0. */
const SKIPPED_LOG = [
  '2024-07-09 12:00:00,000 1 INFO db odoo.modules.graph: module orphan: Unmet dependencies: sale',
  "2024-07-09 12:00:01,000 1 ERROR db odoo.modules.loading: Some modules are not loaded, some dependencies or manifest may be missing: ['orphan']",
].join('\n');

function resolved(name: string, version: string): [string, ResolvedModule] {
  return [
    name,
    { name, version, depends: [], installable: true, file: `${name}/__manifest__.py`, core: false },
  ];
}

describe('after -i/-u, the database says whether Odoo did it', function () {
  this.timeout(60_000);
  let run: Run;
  const logged: string[] = [];

  before(async () => {
    const { postgres } = await ensureServices();
    const server: PgServer = { ...postgres };
    const database = await createTempDatabase();
    // ir_module_module as Odoo leaves it: orphan listed but left out, the others done.
    await withAdminClient(async (client) => {
      await client.query(
        'CREATE TABLE ir_module_module (name varchar PRIMARY KEY, state varchar, latest_version varchar)',
      );
      await client.query(`INSERT INTO ir_module_module VALUES
        ('base', 'installed', '17.0.1.3'), ('paas_a', 'installed', '17.0.1.0.0'),
        ('paas_b', 'installed', '17.0.1.0.0'), ('orphan', 'uninstalled', NULL)`);
    }, database);
    run = {
      deps: { pg: new PgAdapter(), databases: { record: () => server } },
      tracker: { log: (_step: string, text: string) => logged.push(text) },
      app: { databaseServerId: 'db1', databaseName: database, odooVersion: '17.0' },
      database,
      resolved: new Map([
        resolved('base', '1.3'),
        resolved('paas_a', '1.0.0'),
        resolved('paas_b', '1.1.0'),
        resolved('orphan', '1.0'),
      ]),
    } as unknown as Run;
  });

  it('passes when every module asked for is installed at its manifest version', async () => {
    await checkModuleStates(run, 'init', { install: ['base', 'paas_a'], update: [] }, '');
  });

  it('fails a module Odoo left out although it exited 0, leading with what is wrong', async () => {
    const error = await checkModuleStates(
      run,
      'init',
      { install: ['base', 'orphan'], update: [] },
      SKIPPED_LOG,
    ).then(
      () => assert.fail('accepted'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof JobFailure);
    assert.equal(error.code, 'INIT_FAILED');
    const lines = error.message.split('\n');
    assert.equal(lines[0], 'module orphan is not installed (state uninstalled), although Odoo exited 0');
    assert.match(
      lines[1]!,
      /Some modules are not loaded, some dependencies or manifest may be missing: \['orphan'\]/,
    );
  });

  it('fails an update that left a module at its old version, "all" included', async () => {
    for (const update of [['paas_b'], ['all']]) {
      const error = await checkModuleStates(run, 'update', { install: [], update }, '').then(
        () => assert.fail('accepted'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof JobFailure);
      assert.equal(error.code, 'MODULE_UPDATE_FAILED');
      assert.match(error.message, /^module paas_b is at 17\.0\.1\.0\.0, not 17\.0\.1\.1\.0/);
    }
  });
});
