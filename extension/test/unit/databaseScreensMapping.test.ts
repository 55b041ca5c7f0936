import { strict as assert } from 'node:assert';
import type { App, Backup, DatabaseServer, Storage } from '@paas/protocol';
import { projectDatabases, toServerView } from '../../src/webviews/databases/mapping';
import { toStorageViews } from '../../src/webviews/storages/mapping';

const AT = '2026-05-04T10:00:00.000Z';

/** Only the fields the mappings read; the rest of an App does not matter to them. */
const app = (id: string, databaseName: string, databaseServerId = 'db1'): App =>
  ({ id, name: id, environmentType: 'staging', databaseServerId, databaseName }) as App;

describe('databases and storages screens: protocol results as view-models', () => {
  it('keeps only the project’s apps’ databases and copies, each under the app its name is longest prefixed by', () => {
    const apps = [app('a', 'acme'), app('b', 'acme_b'), app('c', 'acme_c', 'db2')];
    const listed = ['acme', 'acme_copy', 'acme_b', 'acme_b_copy', 'acme_c', 'other', 'acmex'].map((name) => ({
      name,
      owner: 'x',
      sizeBytes: 1,
      appId: null,
    }));
    const views = projectDatabases(apps, 'db1', listed);
    assert.deepEqual(
      views.map((v) => [v.name, v.appId, v.isAppDatabase]),
      [
        ['acme', 'a', true],
        ['acme_c', 'a', false],
        ['acme_copy', 'a', false],
        ['acme_b', 'b', true],
        ['acme_b_copy', 'b', false],
      ],
    );
  });

  it('shows a server without its admin role', () => {
    const server: DatabaseServer = {
      id: 'db1',
      name: 'Main',
      host: '/var/run/postgresql',
      port: 5432,
      adminUser: 'paas_admin',
      isDefault: true,
      fromConfig: true,
      createdAt: AT,
    };
    assert.equal(JSON.stringify(toServerView(server)).includes('paas_admin'), false);
    assert.equal(toServerView(server, 'down').error, 'down');
  });

  it('marks the assigned storage, or the default one, as where the project’s backups go, and counts its backups', () => {
    const storage = (id: string, isDefault: boolean, projectIds: string[]): Storage => ({
      id,
      name: id,
      config: { kind: 'sftp', host: 'box', port: 22, username: 'u', root: 'paas' },
      hasSecret: true,
      isDefault,
      projectIds,
      usage: { backupCount: 3, usedBytes: 300 },
      createdAt: AT,
      updatedAt: AT,
    });
    const backup = (storageId: string, status: Backup['status'], sizeBytes: number | null) =>
      ({ storageId, status, sizeBytes }) as Backup;
    const backups = [
      backup('s2', 'succeeded', 100),
      backup('s2', 'failed', null),
      backup('s1', 'running', null),
    ];
    const unassigned = toStorageViews(
      [storage('s1', true, []), storage('s2', false, ['other'])],
      'p',
      backups,
    );
    assert.deepEqual(
      unassigned.map((v) => [v.id, v.current, v.projectBackupCount, v.projectBytes, v.location]),
      [
        ['s1', true, 1, 0, 'u@box:22:paas'],
        ['s2', false, 1, 100, 'u@box:22:paas'],
      ],
    );
    const assigned = toStorageViews([storage('s1', true, []), storage('s2', false, ['p'])], 'p', []);
    assert.deepEqual(
      assigned.map((v) => v.current),
      [false, true],
    );
  });
});
