import assert from 'node:assert/strict';
import { writeFileSync, readFileSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { CreateProject, type EnvironmentType } from '@paas/protocol';
import { createLogger } from '../../../src/log';
import { MembershipAccess } from '../../../src/services/access';
import { PlanService } from '../../../src/services/plans';
import type {
  AppDirectory,
  BackupTarget,
  OdooNeutralization,
} from '../../../src/services/backups/appDirectory';
import { BackupService } from '../../../src/services/backups/backupService';
import { errorView, type OperationHandle } from '../../../src/services/backups/operations';
import { RestoreService } from '../../../src/services/backups/restoreService';
import { BackupScheduler } from '../../../src/services/backups/scheduler';
import { StorageService } from '../../../src/services/backups/storageService';
import { EnvironmentService } from '../../../src/services/environments';
import { Notifier } from '../../../src/services/notifier';
import { ProjectService } from '../../../src/services/projects';
import { openStore, type Db } from '../../../src/store/database';
import { ensureFirstOrganization } from '../../../src/store/organizations';
import { ensureLocalServer } from '../../../src/store/servers';
import {
  adminServer,
  createDatabase,
  databasesLike,
  dropDatabases,
  fileHashes,
  makeFilestore,
  removeDir,
  seedOdooDatabase,
  sql,
  tableContents,
  tempDir,
  uniqueName,
} from '../../helpers/backupFixtures';

/**
 * Apps as plain records over real databases and directories. Starting a revision on the restored
 * database is the deploy code's part of the AppDirectory; here `switchDatabase` moves the record and the
 * filestore and records that it ran.
 */
class TestApps implements AppDirectory {
  readonly apps = new Map<string, BackupTarget>();
  readonly neutralized = new Map<string, boolean>();
  switchedFor: string[] = [];
  constructor(private readonly server = adminServer()) {}
  target(appId: string): BackupTarget {
    const app = this.apps.get(appId);
    if (!app) throw new Error(`no app ${appId}`);
    return app;
  }
  appsOf(environmentId: string): BackupTarget[] {
    return [...this.apps.values()].filter((a) => a.environmentId === environmentId);
  }
  appsOfProject(projectId: string): BackupTarget[] {
    return [...this.apps.values()].filter((a) => a.projectId === projectId);
  }
  defaultServer() {
    return this.server;
  }
  servers() {
    return [this.server];
  }
  async switchDatabase(appId: string, database: string, filestoreDir: string): Promise<void> {
    this.switchedFor.push(appId);
    const app = this.target(appId);
    const filestore = join(dirname(app.filestoreDir), database);
    await rename(filestoreDir, filestore);
    this.apps.set(appId, { ...app, database, filestoreDir: filestore });
  }
  setNeutralized(appId: string, neutralized: boolean): void {
    this.neutralized.set(appId, neutralized);
  }
  // No container runs here: the image's own commands are tested through the agent (appJobs.test.ts).
  async odooRelease(): Promise<string | undefined> {
    return undefined;
  }
  async neutralizeWithOdoo(): Promise<OdooNeutralization> {
    return { fallback: 'no image in this test' };
  }
}

/** A handle that reports nowhere (the jobs' own reporting is tested through the agent). */
const quietHandle = (): OperationHandle => ({
  signal: new AbortController().signal,
  step: () => undefined,
  set: () => undefined,
  remember: () => undefined,
});

/** How a restore or verification ended, as its job would record it. */
async function settle(work: Promise<unknown>) {
  try {
    await work;
    return { state: 'succeeded', error: null };
  } catch (error) {
    return { state: 'failed', error: errorView(error) };
  }
}

describe('backups: service (catalog, restore switch, verify, schedule) on real PostgreSQL', function () {
  const server = adminServer();
  const prefix = uniqueName('bksvc');
  let dir: string;
  let db: Db;
  let apps: TestApps;
  let backups: BackupService;
  let restores: RestoreService;
  let scheduler: BackupScheduler;
  let plans: PlanService;
  let now = new Date('2026-11-01T12:00:00Z');
  const environments: Record<string, string> = {};

  async function addApp(id: string, type: EnvironmentType, files: number): Promise<BackupTarget> {
    const database = `${prefix}_${id}`;
    await createDatabase(server, database);
    await seedOdooDatabase(server, database, id === 'prod' ? 1000 : 10);
    const filestoreDir = join(dir, 'filestore', database);
    await makeFilestore(filestoreDir, files, 1200);
    const target: BackupTarget = {
      appId: id,
      appName: id,
      appSlug: id,
      projectId: projectId,
      projectCode: 'acme',
      environmentId: environments[type]!,
      environmentType: type,
      commitSha: null,
      revision: 1,
      odooVersion: '17.0',
      server,
      database,
      owner: undefined,
      filestoreDir,
    };
    apps.apps.set(id, target);
    return target;
  }
  let projectId = '';

  before(async () => {
    dir = await tempDir();
    db = openStore(join(dir, 'data'));
    const serverRow = ensureLocalServer(db, 'test');
    const organization = ensureFirstOrganization(db, 'test');
    plans = new PlanService(db);
    const envs = new EnvironmentService(db, serverRow.id, plans);
    const created = new ProjectService(db, serverRow.id, plans).create({
      organizationId: organization.id,
      ...CreateProject.params.parse({
        name: 'Acme',
        registry: { url: 'https://example.com/acme.git' },
        configuration: { odooVersion: '17.0' },
        plan: { tier: 'essential' },
        firstEnvironment: { type: 'production' },
      }),
    });
    projectId = created.project.id;
    environments.production = created.environment.id;
    environments.staging = envs.create({ projectId, type: 'staging' }).id;
    apps = new TestApps();
    const storages = new StorageService(db, join(dir, 'data'));
    storages.ensureDefault();
    backups = new BackupService({
      db,
      dataDir: join(dir, 'data'),
      storages,
      apps,
      notifier: new Notifier(new MembershipAccess(db)),
      clock: () => now,
      log: createLogger('silent'),
      sandboxTag: 'servicetest',
    });
    restores = new RestoreService(backups);
    scheduler = new BackupScheduler(backups, restores, plans);
    await addApp('prod', 'production', 12);
    await addApp('stag', 'staging', 3);
  });

  after(async () => {
    db.close();
    await dropDatabases(server, await databasesLike(server, prefix));
    await removeDir(dir);
  });

  it('serialises two backups of the same app and records them in the catalog', async () => {
    const [a, b] = await Promise.all([
      backups.backupNow('prod', 'manual'),
      backups.backupNow('prod', 'manual'),
    ]);
    assert.equal(a.status, 'succeeded');
    assert.equal(b.status, 'succeeded');
    const rows = backups.list({ projectId, limit: 1, includeDeleted: false });
    assert.equal(rows.backups.length, 1);
    assert.ok(rows.nextCursor);
    const second = backups.list({ projectId, limit: 5, includeDeleted: false, cursor: rows.nextCursor! });
    assert.equal(second.backups.length, 1);
    assert.equal(rows.backups[0]!.files, 12);
    assert.equal(rows.backups[0]!.storageName, 'Local');
    assert.match(rows.backups[0]!.path, /^acme\/production\/prod\/[a-z0-9]+\.tar$/);
  });

  it('restores production into staging: the staging app switches and is neutralized in its database', async () => {
    const backup = backups.list({ projectId, appId: 'prod', limit: 1, includeDeleted: false }).backups[0]!;
    const done = await settle(restores.restoreNow(restores.planRestore(backup.id, 'stag'), quietHandle()));
    assert.equal(done?.state, 'succeeded', JSON.stringify(done?.error));
    const prodRows = await tableContents(server, apps.target('prod').database);
    const stagRows = await tableContents(server, apps.target('stag').database);
    assert.equal(stagRows.res_partner, prodRows.res_partner);
    assert.deepEqual(
      await sql(
        server,
        apps.target('stag').database,
        "SELECT value FROM ir_config_parameter WHERE key = 'database.is_neutralized'",
      ),
      [{ value: 'true' }],
    );
    assert.deepEqual(
      (
        await sql<{ active: boolean }>(
          server,
          apps.target('stag').database,
          'SELECT active FROM ir_cron ORDER BY id',
        )
      ).map((r) => r.active),
      [true, false, false],
    );
    assert.deepEqual(
      await fileHashes(apps.target('stag').filestoreDir),
      await fileHashes(apps.target('prod').filestoreDir),
    );
    assert.equal(apps.neutralized.get('stag'), true);
    assert.deepEqual(apps.switchedFor, ['stag']);
    assert.deepEqual(
      await databasesLike(server, `${prefix}_stag`),
      [apps.target('stag').database],
      'the app is on the restored database; the one it left is dropped',
    );
  });

  it('a failed restore leaves the target exactly as it was', async () => {
    const backup = backups.list({ projectId, appId: 'prod', limit: 1, includeDeleted: false }).backups[0]!;
    const archive = join(dir, 'data', 'backups', ...backup.path.split('/'));
    const original = readFileSync(archive);
    const altered = Buffer.from(original);
    const at = altered.indexOf('dump.pgdump') + 700;
    altered[at] = altered[at]! ^ 0xff;
    writeFileSync(archive, altered);
    const before = {
      rows: await tableContents(server, apps.target('stag').database),
      files: await fileHashes(apps.target('stag').filestoreDir),
    };
    const done = await settle(restores.restoreNow(restores.planRestore(backup.id, 'stag'), quietHandle()));
    writeFileSync(archive, original);
    assert.equal(done?.state, 'failed');
    assert.equal(done?.error?.code, 'ARCHIVE_CHECKSUM_MISMATCH');
    assert.deepEqual(await tableContents(server, apps.target('stag').database), before.rows);
    assert.deepEqual(await fileHashes(apps.target('stag').filestoreDir), before.files);
    assert.deepEqual(await databasesLike(server, `${prefix}_stag`), [apps.target('stag').database]);
  });

  it('restoring over production takes a pre-restore backup first and does not neutralize', async () => {
    const source =
      backups.list({ projectId, appId: 'stag', limit: 1, includeDeleted: false }).backups[0] ??
      (await backups.backupNow('stag', 'manual'));
    const done = await settle(restores.restoreNow(restores.planRestore(source.id, 'prod'), quietHandle()));
    assert.equal(done?.state, 'succeeded', JSON.stringify(done?.error));
    const pre = backups.list({
      projectId,
      appId: 'prod',
      kinds: ['preRestore'],
      limit: 5,
      includeDeleted: false,
    }).backups;
    assert.equal(pre.length, 1);
    assert.equal(apps.neutralized.get('prod'), false);
  });

  it('verifies a backup in a throwaway database', async () => {
    const backup = backups.list({ projectId, appId: 'prod', limit: 1, includeDeleted: false }).backups[0]!;
    const done = await settle(restores.verifyNow(restores.restorable(backup.id), quietHandle()));
    assert.equal(done?.state, 'succeeded', JSON.stringify(done?.error));
    assert.equal(backups.get(backup.id).verification?.status, 'passed');
    assert.deepEqual(await databasesLike(server, 'paas_sandbox_servicetest_'), []);
  });

  it('runs scheduled backups on its clock and prunes by retention, keeping the newest', async () => {
    scheduler.update(environments.staging!, {
      cron: '0 3 * * *',
      retention: { daily: 2, weekly: 0, monthly: 0 },
      enabled: true,
    });
    for (let day = 2; day <= 5; day++) {
      now = new Date(`2026-11-0${day}T03:00:30Z`);
      await scheduler.tick(now);
    }
    const scheduled = backups.list({
      projectId,
      appId: 'stag',
      kinds: ['scheduled'],
      limit: 10,
      includeDeleted: true,
    }).backups;
    assert.deepEqual(
      scheduled.map((b) => [b.createdAt.slice(0, 10), b.status]),
      [
        ['2026-11-05', 'succeeded'],
        ['2026-11-04', 'succeeded'],
        ['2026-11-03', 'deleted'],
        ['2026-11-02', 'deleted'],
      ],
    );
    const { schedule } = scheduler.schedule(environments.staging!);
    assert.equal(schedule.nextRunAt, '2026-11-06T03:00:00.000Z');
  });

  it("caps retention by the plan's backupRetention, as the operator edits it", async () => {
    const { planRetention } = scheduler.schedule(environments.staging!);
    assert.deepEqual(planRetention, plans.limitsOf('essential').backupRetention);
    const edited = { daily: 1, weekly: 0, monthly: 0 };
    plans.update('essential', { limits: { backupRetention: edited } });
    assert.deepEqual(scheduler.schedule(environments.staging!).planRetention, edited);
    now = new Date('2026-11-06T03:00:30Z');
    await scheduler.tick(now);
    const kept = backups.list({
      projectId,
      appId: 'stag',
      kinds: ['scheduled'],
      limit: 10,
      includeDeleted: false,
    });
    assert.deepEqual(
      kept.backups.map((b) => b.createdAt.slice(0, 10)),
      ['2026-11-06'],
      'the schedule asks for two dailies; the plan keeps one',
    );
  });
});
