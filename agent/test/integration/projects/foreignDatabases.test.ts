import assert from 'node:assert/strict';
import { ErrorCode, RpcError } from '@paas/protocol';
import { createTempDatabase, createTempRole, ensureServices } from '@paas/scripts/out/src/testkit/index.js';
import { PgAdapter } from '../../../src/adapters/postgres/pgAdapter';
import type { PgServer } from '../../../src/adapters/postgres/postgres';
import type { AppDeps } from '../../../src/services/apps/deps';
import { AppLifecycle } from '../../../src/services/apps/lifecycle';
import type { LogStats } from '../../../src/services/apps/logStats';
import type { AppRecord } from '../../../src/store/apps';

describe('deleting an app names the databases its role owns, also once a restore renamed its own', function () {
  this.timeout(60_000);

  it('reads the owner as the app role, not the database name the app serves', async () => {
    const { postgres } = await ensureServices();
    const server: PgServer = { ...postgres };
    // After a restore the app serves `<role>_restore_<id>` (migration 011): role and database differ.
    const role = await createTempRole();
    const serving = await createTempDatabase({ owner: role.name });
    const foreign = await createTempDatabase({ owner: role.name });
    const deps = { pg: new PgAdapter(), databases: { record: () => server } } as unknown as AppDeps;
    const lifecycle = new AppLifecycle(deps, {} as LogStats);
    const app = {
      id: 'app1',
      name: 'web',
      databaseServerId: 'db1',
      databaseName: serving,
      databaseRole: role.name,
    } as AppRecord;

    const refused = await lifecycle.checkForeignDatabases(app).then(
      () => assert.fail('a database the role owns was not named'),
      (error: unknown) => error,
    );
    assert.ok(refused instanceof RpcError);
    assert.equal(refused.code, ErrorCode.Conflict);
    assert.match(refused.message, new RegExp(`role ${role.name} owns databases .*: ${foreign};`));
    assert.doesNotMatch(refused.message, new RegExp(`${serving}[,;]`), 'the database it serves is its own');
  });
});
