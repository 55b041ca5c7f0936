import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  CreateBackup,
  CreateEnvironment,
  DeleteProject,
  DeployApp,
  DestroyApp,
  GetApp,
  GetBackup,
  ListBackups,
  RestoreBackup,
  UpdateApp,
  UpdateEnvironment,
  VerifyBackup,
  type App,
  type BackupKind,
} from '@paas/protocol';
import { httpRequest, withAdminClient, type TempRepo } from '@paas/scripts/out/src/testkit/index.js';
import { addonRepo, createProject, describeJob, useDeployAgent, waitJob } from '../deploy/deployKit';

/** What the stand-in says about the database and filestore it serves. */
async function standinState(app: App): Promise<{ db: string; attachments: number }> {
  const res = await httpRequest(`${app.url}/paas-test/state`);
  assert.equal(res.status, 200, res.body);
  return JSON.parse(res.body) as { db: string; attachments: number };
}

async function activeFlags(database: string, table: 'ir_cron' | 'ir_mail_server'): Promise<boolean[]> {
  return withAdminClient(async (client) => {
    const { rows } = await client.query<{ active: boolean }>(`SELECT active FROM ${table} ORDER BY id`);
    return rows.map((row) => row.active);
  }, database);
}

describe('backups of deployed apps, as jobs, through the real agent', function () {
  this.timeout(300_000);
  const suite = useDeployAgent();
  let repo: TempRepo;
  let projectId: string;
  let projectCode: string;
  let production: App;
  let staging: App;

  const client = () => suite.agent.client;
  const backupsOf = async (appId: string, kind: BackupKind) =>
    (await client().request(ListBackups, { projectId, appId, kinds: [kind] })).backups;

  before(async () => {
    repo = await addonRepo();
    const created = await createProject(client(), repo, { branch: 'main', type: 'production' });
    projectId = created.project.id;
    projectCode = created.code;
    const environment = await client().request(CreateEnvironment, { projectId, type: 'staging' });
    const deployed = await client().request(DeployApp, {
      environmentId: environment.environment.id,
      name: 'staging',
      branch: 'main',
    });
    for (const jobId of [created.jobId!, deployed.jobId]) {
      const { job } = await waitJob(client(), jobId);
      assert.equal(job.state, 'succeeded', describeJob(job));
    }
    production = (
      await client().request(GetApp, { appId: (await waitJob(client(), created.jobId!)).job.appId })
    ).app;
    staging = (await client().request(GetApp, { appId: deployed.app.id })).app;
    const stored = await httpRequest(`${production.url}/paas-test/attachment?name=invoice.pdf`, {
      method: 'POST',
      body: 'production attachment',
    });
    assert.equal(stored.status, 200, stored.body);
  });

  it('backs up production in a backup job, restores it into staging neutralized, and staging serves it', async () => {
    const { job: queued } = await client().request(CreateBackup, { appId: production.id });
    assert.equal(queued.kind, 'backup');
    const backupJob = await waitJob(client(), queued.id);
    assert.equal(backupJob.job.state, 'succeeded', describeJob(backupJob.job));
    assert.deepEqual(
      backupJob.job.steps.map((s) => `${s.name}:${s.state}`),
      ['backup:succeeded'],
    );
    const backupId = backupJob.job.backupId!;
    const { backup } = await client().request(GetBackup, { backupId });
    assert.equal(backup.status, 'succeeded');
    assert.equal(backup.files, 1);
    assert.equal(backup.kind, 'manual');

    const verified = await client().request(VerifyBackup, { backupId });
    const verifyJob = await waitJob(client(), verified.job.id);
    assert.equal(verifyJob.job.state, 'succeeded', describeJob(verifyJob.job));
    assert.equal((await client().request(GetBackup, { backupId })).backup.verification?.status, 'passed');

    const restored = await client().request(RestoreBackup, { backupId, targetAppId: staging.id });
    assert.equal(restored.job.appId, staging.id);
    const restoreJob = await waitJob(client(), restored.job.id);
    assert.equal(restoreJob.job.state, 'succeeded', describeJob(restoreJob.job));
    assert.deepEqual(
      restoreJob.job.steps.map((s) => `${s.name}:${s.state}`),
      ['backup:skipped', 'restore:succeeded', 'switch:succeeded'],
    );

    const after = (await client().request(GetApp, { appId: staging.id })).app;
    // The image's own `odoo neutralize` ran base's neutralize.sql: every cron but the autovacuum off, the
    // mail servers off and a dummy one added so the command line's SMTP is never used.
    assert.deepEqual(await activeFlags(after.databaseName, 'ir_cron'), [true, false], 'all but autovacuum');
    assert.deepEqual(await activeFlags(after.databaseName, 'ir_mail_server'), [false, true]);
    assert.deepEqual(
      await activeFlags(production.databaseName, 'ir_cron'),
      [true, true],
      'the source is untouched',
    );
    assert.equal(after.neutralized, true);
    assert.equal(after.state, 'running');
    const state = await standinState(after);
    assert.equal(state.db, after.databaseName, 'staging serves the restored database');
    assert.ok(after.databaseName.startsWith(`${staging.databaseName}_restore_`), after.databaseName);
    assert.equal(state.attachments, 1, 'staging serves the restored rows');
    const filestore = join(suite.agent.dataDir, 'apps', staging.id, 'data', 'filestore', after.databaseName);
    assert.notEqual(statSync(filestore).uid, 0, 'the restored filestore belongs to the app, not root');
  });

  it('takes a preUpdate backup before a production update, whatever its environment setting', async () => {
    const { environment } = await client().request(UpdateEnvironment, {
      environmentId: production.environmentId,
      automation: { preUpdateBackup: false },
    });
    assert.equal(environment.automation.preUpdateBackup, false);
    await repo.commit({ 'paas_demo/NOTES.txt': 'second commit' }, 'second commit');
    const { jobId } = await client().request(UpdateApp, { appId: production.id });
    const { job, steps } = await waitJob(client(), jobId!);
    assert.equal(job.state, 'succeeded', describeJob(job));
    const step = steps.find((s) => s.name === 'backup')!;
    assert.equal(step.state, 'succeeded');
    const [backup] = await backupsOf(production.id, 'preUpdate');
    assert.equal(backup?.status, 'succeeded');
    assert.match(step.summary ?? '', new RegExp(backup!.id));
  });

  it('backs up before a staging update only when the environment asks for it', async () => {
    const update = async (message: string) => {
      await repo.commit({ 'paas_demo/NOTES.txt': message }, message);
      const { jobId } = await client().request(UpdateApp, { appId: staging.id });
      const { job, steps } = await waitJob(client(), jobId!);
      assert.equal(job.state, 'succeeded', describeJob(job));
      return steps.find((s) => s.name === 'backup')!;
    };
    const off = await update('staging update, default settings');
    assert.equal(off.state, 'skipped');
    assert.match(off.summary ?? '', /pre-update backups are off in staging/);
    assert.deepEqual(await backupsOf(staging.id, 'preUpdate'), []);

    const { environment } = await client().request(UpdateEnvironment, {
      environmentId: staging.environmentId,
      automation: { preUpdateBackup: true },
    });
    assert.equal(environment.automation.preUpdateBackup, true);
    const on = await update('staging update, backups on');
    assert.equal(on.state, 'succeeded');
    const [backup] = await backupsOf(staging.id, 'preUpdate');
    assert.equal(backup?.status, 'succeeded');
    assert.match(on.summary ?? '', new RegExp(backup!.id));
  });

  it('takes a preDestroy backup that outlives the destroyed app', async () => {
    await client().request(DestroyApp, { appId: staging.id, confirmName: staging.name });
    const [backup] = await backupsOf(staging.id, 'preDestroy');
    assert.equal(backup?.status, 'succeeded');
    assert.equal(backup.appName, staging.name);
  });

  it('takes final backups of every app when the project is deleted, unless skipped', async () => {
    // The catalog outlives the project, but only the storage shows it once the project is gone.
    const archives = () =>
      readdirSync(join(suite.agent.dataDir, 'backups', projectCode, 'production', production.slug)).filter(
        (name) => name.endsWith('.tar'),
      ).length;
    const before = archives();
    await client().request(DeleteProject, { projectId, confirmCode: projectCode, skipFinalBackups: false });
    assert.equal(archives(), before + 1);
  });
});
