import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  dropDatabase as dropAsSuperuser,
  dropRole as dropRoleAsSuperuser,
  ensureServices,
  makeTempDir,
  registerCleanup,
  runCleanups,
  uniqueName,
  withAdminClient,
} from '@paas/scripts/out/src/testkit/index.js';
import { createDatabase, dropDatabase, renameDatabase } from '../../../src/adapters/pgtools/pgAdmin';
import { runPgTool } from '../../../src/adapters/pgtools/pgProcess';
import { loadUntrustedSql, withSandboxDatabase } from '../../../src/adapters/pgtools/pgSandbox';
import { pgToolEnv, type PgServer } from '../../../src/adapters/pgtools/pgServer';
import { PgAdapter } from '../../../src/adapters/postgres/pgAdapter';

/** The role agents under test log in as: CREATEDB CREATEROLE, no superuser (scripts/lib/ensure-system.sh). */
async function agentServer(): Promise<PgServer> {
  const { postgres } = await ensureServices();
  return {
    host: postgres.host,
    port: postgres.port,
    adminUser: postgres.agentUser,
    adminPassword: postgres.adminPassword,
  };
}

/** Whether PUBLIC still holds a privilege on the database (an ACL entry with an empty grantee). */
async function openToPublic(database: string): Promise<boolean> {
  return withAdminClient(async (client) => {
    const { rows } = await client.query<{ acl: string | null }>(
      'SELECT datacl::text AS acl FROM pg_database WHERE datname = $1',
      [database],
    );
    assert.ok(rows[0], `no database ${database}`);
    // NULL: the defaults, which include CONNECT and TEMPORARY for PUBLIC.
    return rows[0].acl === null || /[{,]=/.test(rows[0].acl);
  });
}

async function connectAs(user: string, password: string, database: string): Promise<string> {
  const server = await agentServer();
  const client = new Client({ host: server.host, port: server.port, user, password, database });
  try {
    await client.connect();
    await client.query('CREATE TABLE IF NOT EXISTS ir_model_data (id serial PRIMARY KEY, name text)');
    return 'connected';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

describe('PostgreSQL administration as a least-privileged admin (CREATEDB CREATEROLE, no superuser)', function () {
  this.timeout(120_000);
  after(() => runCleanups());

  it('keeps app databases, their copies and restore targets to their own role, and dumps, copies, renames and drops them', async () => {
    const server = await agentServer();
    const pg = new PgAdapter();
    const [a, b] = [uniqueName('lp_a'), uniqueName('lp_b')];
    const password = randomBytes(12).toString('hex');
    for (const name of [a, b]) {
      registerCleanup(() => dropRoleAsSuperuser(name), `drop role ${name}`);
      registerCleanup(() => dropAsSuperuser(name), `drop database ${name}`);
      assert.equal(await pg.ensureAppDatabase(server, name, password), true);
      assert.equal(await openToPublic(name), false, `${name} is closed to PUBLIC`);
    }
    assert.equal(await connectAs(a, password, a), 'connected');
    assert.equal(await connectAs(a, password, b), '42501', "A's role cannot connect to B's database");

    // What an update's snapshot and its undo do.
    const snapshot = `${a}_snap`;
    registerCleanup(() => dropAsSuperuser(snapshot), `drop database ${snapshot}`);
    await pg.copyDatabase(server, a, snapshot);
    assert.equal(await openToPublic(snapshot), false, 'a copy is closed to PUBLIC too');
    await pg.replaceDatabase(server, a, snapshot);

    // What a restore does: a new database for the app's role, loaded, then renamed into place.
    const restored = `${a}_new`;
    registerCleanup(() => dropAsSuperuser(restored), `drop database ${restored}`);
    await createDatabase(server, restored, a);
    assert.equal(await openToPublic(restored), false, 'a restore target is closed to PUBLIC');
    assert.equal(await connectAs(b, password, restored), '42501');
    await renameDatabase(server, a, `${a}_old`);
    await renameDatabase(server, restored, a);
    await dropDatabase(server, `${a}_old`);

    // A backup: pg_dump as the admin of what the app's role made.
    const dir = await makeTempDir('lp-dump');
    await runPgTool('pg_dump', ['-Fc', '-f', join(dir, 'dump.pgdump')], {
      env: pgToolEnv(server, b),
      failure: 'PG_DUMP_FAILED',
    }).done;

    for (const name of [a, b]) {
      await pg.dropDatabase(server, name);
      await pg.dropRole(server, name);
    }
  });

  it('loads untrusted SQL into a sandbox closed to everyone else, and drops it', async () => {
    const server = await agentServer();
    const dir = await makeTempDir('lp-sandbox');
    const dump = join(dir, 'dump.sql');
    await writeFile(dump, 'CREATE TABLE res_partner (id serial PRIMARY KEY, name text);\n');
    const name = `lp_${randomBytes(4).toString('hex')}`;
    let sandboxDatabase = '';
    await withSandboxDatabase(server, name, async (sandbox) => {
      sandboxDatabase = sandbox.database;
      registerCleanup(() => dropAsSuperuser(sandbox.database), `drop database ${sandbox.database}`);
      registerCleanup(() => dropRoleAsSuperuser(sandbox.database), `drop role ${sandbox.database}`);
      assert.equal(await openToPublic(sandbox.database), false);
      await loadUntrustedSql(sandbox, dump);
    });
    const left = await withAdminClient(async (client) => {
      const databases = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [sandboxDatabase]);
      const roles = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [sandboxDatabase]);
      return (databases.rowCount ?? 0) + (roles.rowCount ?? 0);
    });
    assert.equal(left, 0, 'the sandbox database and role are gone');
  });
});
