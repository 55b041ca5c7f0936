import assert from 'node:assert/strict';
import {
  CreateDatabase,
  DropDatabase,
  DuplicateDatabase,
  ErrorCode,
  GetApp,
  ListDatabases,
  ListDatabaseServers,
  RegisterDatabaseServer,
  RemoveDatabaseServer,
} from '@paas/protocol';
import { ensureServices, uniqueName } from '@paas/scripts/out/src/testkit/index.js';
import { rpcErrorOf } from '../../helpers/client';
import { addonRepo, createProject, describeJob, useDeployAgent, waitJob } from './deployKit';

describe('database servers and databases', function () {
  this.timeout(120_000);
  const suite = useDeployAgent();

  it('registers the config server as the default and never returns its password', async () => {
    const { servers } = await suite.agent.client.request(ListDatabaseServers, {});
    assert.equal(servers.length, 1);
    assert.equal(servers[0]!.isDefault, true);
    assert.equal(servers[0]!.fromConfig, true);
    assert.ok(!JSON.stringify(servers).includes((await ensureServices()).postgres.adminPassword));
  });

  it('registers a server over TCP after checking the login, and removes it', async () => {
    const { postgres } = await ensureServices();
    const bad = await rpcErrorOf(
      suite.agent.client.request(RegisterDatabaseServer, {
        name: 'wrong password',
        host: '127.0.0.1',
        port: postgres.port,
        adminUser: postgres.adminUser,
        adminPassword: 'not-the-password',
        makeDefault: false,
      }),
    );
    assert.equal(bad.code, ErrorCode.Unavailable);
    const { server } = await suite.agent.client.request(RegisterDatabaseServer, {
      name: 'tcp',
      host: '127.0.0.1',
      port: postgres.port,
      adminUser: postgres.adminUser,
      adminPassword: postgres.adminPassword,
      makeDefault: false,
    });
    assert.equal(server.isDefault, false);
    await suite.agent.client.request(RemoveDatabaseServer, { serverId: server.id });
    assert.equal((await suite.agent.client.request(ListDatabaseServers, {})).servers.length, 1);
  });

  it('creates, sizes, duplicates and drops databases; app databases only go with their app', async () => {
    const [server] = (await suite.agent.client.request(ListDatabaseServers, {})).servers;
    const serverId = server!.id;
    const name = uniqueName('dbs');
    const copy = uniqueName('dbs_copy');
    await suite.agent.client.request(CreateDatabase, { serverId, name });
    const { database } = await suite.agent.client.request(DuplicateDatabase, {
      serverId,
      source: name,
      target: copy,
    });
    assert.equal(database.name, copy);
    const listed = (await suite.agent.client.request(ListDatabases, { serverId })).databases;
    const found = listed.find((d) => d.name === name);
    assert.ok(found && found.sizeBytes > 0 && found.appId === null);
    const refused = await rpcErrorOf(
      suite.agent.client.request(DropDatabase, { serverId, name, confirmName: 'x' }),
    );
    assert.equal(refused.code, ErrorCode.InvalidParams);
    for (const db of [name, copy])
      await suite.agent.client.request(DropDatabase, { serverId, name: db, confirmName: db });
    const system = await rpcErrorOf(
      suite.agent.client.request(DropDatabase, { serverId, name: 'postgres', confirmName: 'postgres' }),
    );
    assert.equal(system.code, ErrorCode.InvalidParams);

    const created = await createProject(suite.agent.client, await addonRepo(), { branch: 'main' });
    const { job } = await waitJob(suite.agent.client, created.jobId!);
    assert.equal(job.state, 'succeeded', describeJob(job));
    const { app } = await suite.agent.client.request(GetApp, { appId: job.appId });
    const appDb = (await suite.agent.client.request(ListDatabases, { serverId })).databases.find(
      (d) => d.name === app.databaseName,
    );
    assert.equal(appDb?.appId, app.id);
    assert.equal(appDb?.owner, app.databaseName, 'the app database is owned by its own role');
    const owned = await rpcErrorOf(
      suite.agent.client.request(DropDatabase, {
        serverId,
        name: app.databaseName,
        confirmName: app.databaseName,
      }),
    );
    assert.equal(owned.code, ErrorCode.Conflict);
    const inUse = await rpcErrorOf(suite.agent.client.request(RemoveDatabaseServer, { serverId }));
    assert.equal(inUse.code, ErrorCode.Conflict);
  });
});
