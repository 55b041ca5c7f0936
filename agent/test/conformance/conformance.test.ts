import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  CreateBackup,
  CreateEnvironment,
  DeployApp,
  GetApp,
  GetBackup,
  ImportBackup,
  RestoreBackup,
  UpdateApp,
  type App,
  type Backup,
} from '@paas/protocol';
import { makeTempDir, manifestText, waitHttp, type TempRepo } from '@paas/scripts/out/src/testkit/index.js';
import { TestClient } from '../helpers/client';
import { inspectZip } from '../helpers/odooZips';
import { download, upload } from '../helpers/transfers';
import {
  addonRepo,
  createProject,
  describeJob,
  useDeployAgent,
  waitJob,
} from '../integration/deploy/deployKit';
import { moduleRow, ODOO_IMAGE, ODOO_SERIES, pollLogin, prepareImage, query, writeWhile } from './odooImage';

const run = promisify(execFile);
const MODULE = 'paas_conformance';

/** The module's manifest at a version, depending on what neutralization touches (web, mail, iap). */
function manifest(version: string, extra = ''): string {
  return manifestText(MODULE, { version, depends: ['web', 'mail', 'iap'] }).replace(/\}\n$/, `${extra}}\n`);
}

/**
 * The outcomes PaaS.sh promises, asserted the same way on any Odoo image (PAAS_TEST_ODOO_IMAGE; the
 * stand-in by default): each reads the database or polls /web/login, never a stand-in-only endpoint.
 */
describe(`Odoo conformance on ${ODOO_IMAGE} (series ${ODOO_SERIES})`, function () {
  this.timeout(900_000);
  const suite = useDeployAgent();
  const client = () => suite.agent.client;
  let repo: TempRepo;
  let production: App;
  let staging: App;
  let backup: Backup;
  let zip: string;
  let dir: string;
  let token: string;

  const refresh = async (app: App) => (await client().request(GetApp, { appId: app.id })).app;
  const job = async (jobId: string, timeoutMs = 600_000) => waitJob(client(), jobId, timeoutMs);

  before(async () => {
    await prepareImage();
    dir = await makeTempDir('conformance');
    token = suite.agent.agent.createToken('owner', 'conformance-transfers');
    repo = await addonRepo({
      [MODULE]: {
        version: '1.0.0',
        depends: ['web', 'mail', 'iap'],
        // odoo/modules/neutralize.py runs every installed module's data/neutralize.sql, ours too.
        files: {
          'data/neutralize.sql':
            "UPDATE ir_config_parameter SET value = 'neutralized' WHERE key = 'paas_conformance.endpoint';\n",
        },
      },
    });
  });

  it('deploys a branch: its modules installed in a new database, /web/login answers', async () => {
    const created = await createProject(client(), repo, {
      branch: 'main',
      type: 'production',
      image: ODOO_IMAGE,
      odooVersion: ODOO_SERIES,
      automation: { autoInstall: true },
    });
    const done = await job(created.jobId!);
    assert.equal(done.job.state, 'succeeded', describeJob(done.job));
    production = await refresh((await client().request(GetApp, { appId: done.job.appId })).app);
    assert.equal(production.state, 'running');
    assert.equal((await waitHttp(`${production.url}/web/login`, 30_000)).status, 200);
    assert.deepEqual(await moduleRow(production.databaseName, MODULE), {
      state: 'installed',
      latest_version: `${ODOO_SERIES}.1.0.0`,
    });
  });

  it('updates code only: no module update, zero failed /web/login requests', async () => {
    const sha = await repo.commit({ [`${MODULE}/README.md`]: 'code only\n' }, 'code-only change');
    const poller = pollLogin(production.url!);
    const { jobId } = await client().request(UpdateApp, { appId: production.id });
    const done = await job(jobId!);
    const polled = await poller.stop();
    assert.equal(done.job.state, 'succeeded', describeJob(done.job));
    assert.equal(done.steps.find((s) => s.name === 'moduleUpdate')?.state, 'skipped');
    assert.equal(polled.failed, 0, JSON.stringify(polled));
    assert.equal(polled.held, 0, `a code-only update holds no traffic: ${JSON.stringify(polled)}`);
    production = await refresh(production);
    assert.equal(production.commitSha, sha);
  });

  it('updates a module whose version changed, and keeps every write committed meanwhile', async () => {
    await repo.commit({ [`${MODULE}/__manifest__.py`]: manifest('1.1.0') }, 'bump to 1.1.0');
    const writer = writeWhile(production.databaseName, 'paas_conformance.update');
    const { jobId } = await client().request(UpdateApp, { appId: production.id });
    const done = await job(jobId!);
    const committed = await writer.stop();
    assert.equal(done.job.state, 'succeeded', describeJob(done.job));
    assert.equal(done.steps.find((s) => s.name === 'moduleUpdate')?.state, 'succeeded');
    assert.equal((await moduleRow(production.databaseName, MODULE))?.latest_version, `${ODOO_SERIES}.1.1.0`);
    const kept = await query<{ key: string }>(
      production.databaseName,
      "SELECT key FROM ir_config_parameter WHERE key LIKE 'paas_conformance.update.%'",
    );
    assert.deepEqual(kept.map((r) => r.key).sort(), [...committed].sort());
  });

  it('rolls back a failed module update: the old revision serves, the app is running, users see no error', async () => {
    const before = await refresh(production);
    await repo.commit(
      {
        // Real Odoo fails on the XML data file; the stand-in on its marker file.
        [`${MODULE}/__manifest__.py`]: manifest('1.2.0', "    'data': ['data/broken.xml'],\n"),
        [`${MODULE}/data/broken.xml`]: '<odoo><record id="broken" model="ir.config_parameter"></odoo>\n',
        [`${MODULE}/STANDIN_FAIL_UPDATE`]: '',
      },
      'bump to 1.2.0 with a broken data file',
    );
    // No direct-SQL writer here: the update holds the app's traffic and stops its revision (crons too),
    // so nothing writes through Odoo during the window; a client writing to PostgreSQL past the app would
    // be rolled back with the snapshot. Writes through the app are kept (deploy/update.test.ts).
    const poller = pollLogin(production.url!);
    const { jobId } = await client().request(UpdateApp, { appId: production.id });
    const done = await job(jobId!);
    const polled = await poller.stop();
    assert.equal(done.job.state, 'failed', describeJob(done.job));
    assert.equal(done.job.error?.code, 'MODULE_UPDATE_FAILED');
    assert.equal((await moduleRow(production.databaseName, MODULE))?.latest_version, `${ODOO_SERIES}.1.1.0`);
    const after = await refresh(production);
    assert.equal(after.commitSha, before.commitSha);
    assert.equal((await waitHttp(`${production.url}/web/login`, 10_000)).status, 200);
    // The snapshot never closes a serving database: users get the maintenance answer (503, Retry-After)
    // while traffic is held, never an error; the app stays `running` with the failed job attached.
    assert.equal(polled.failed, 0, JSON.stringify(polled));
    assert.equal(after.state, 'running');
  });

  it('serves the branch again once the broken commit is reverted', async () => {
    await repo.commit(
      {
        [`${MODULE}/__manifest__.py`]: manifest('1.1.0'),
        [`${MODULE}/data/broken.xml`]: null,
        [`${MODULE}/STANDIN_FAIL_UPDATE`]: null,
      },
      'revert the broken data file',
    );
    const { jobId } = await client().request(UpdateApp, { appId: production.id });
    const done = await job(jobId!);
    assert.equal(done.job.state, 'succeeded', describeJob(done.job));
    production = await refresh(production);
    assert.equal(production.state, 'running');
  });

  it('backs up production with Odoo’s manifest: the image’s release, its series, PostgreSQL as Odoo writes it', async () => {
    await seedProductionSecrets(production.databaseName);
    const { job: queued } = await client().request(CreateBackup, { appId: production.id });
    const done = await job(queued.id);
    assert.equal(done.job.state, 'succeeded', describeJob(done.job));
    backup = (await client().request(GetBackup, { backupId: done.job.backupId! })).backup;
    // odoo.release.version of a nightly image: the series and the build date (odoo --version).
    assert.match(backup.odooVersion ?? '', new RegExp(`^${ODOO_SERIES.replace('.', '\\.')}-\\d{8}$`));
  });

  it('exports the backup as the zip Odoo’s database manager makes', async () => {
    zip = join(dir, 'production.zip');
    const answer = await download(suite.agent.agent, token, backup.id, 'zip', zip);
    assert.equal(answer.status, 200, answer.text);
    const seen = await inspectZip(zip);
    assert.equal(seen.bad, null);
    assert.ok(seen.names.includes('dump.sql') && seen.names.includes('manifest.json'), seen.names.join());
    const [server] = await query<{ server_version_num: string }>(
      production.databaseName,
      'SHOW server_version_num',
    );
    const n = Number(server!.server_version_num);
    // odoo/service/db.py dump_db_manifest: "%d.%d" % divmod(server_version / 100, 100)
    assert.equal(seen.manifest?.pg_version, `${Math.floor(n / 10000)}.0`);
    assert.equal(seen.manifest?.version, backup.odooVersion);
    assert.equal(seen.manifest?.major_version, ODOO_SERIES);
    assert.equal((seen.manifest?.modules as Record<string, string>)[MODULE], `${ODOO_SERIES}.1.1.0`);
    assert.equal(seen.manifest?.db_name, production.databaseName);
  });

  it('restores production into staging neutralized as Odoo’s own neutralize does', async () => {
    const environment = await client().request(CreateEnvironment, {
      projectId: production.projectId,
      type: 'staging',
    });
    const deployed = await client().request(DeployApp, {
      environmentId: environment.environment.id,
      name: 'staging',
      branch: 'main',
    });
    assert.equal((await job(deployed.jobId)).job.state, 'succeeded');
    staging = await refresh(deployed.app);
    const { job: queued } = await client().request(RestoreBackup, {
      backupId: backup.id,
      targetAppId: staging.id,
    });
    const done = await job(queued.id);
    assert.equal(done.job.state, 'succeeded', describeJob(done.job));
    staging = await refresh(staging);
    assert.equal(staging.neutralized, true);
    assert.equal(staging.state, 'running');
    assert.equal((await waitHttp(`${staging.url}/web/login`, 60_000)).status, 200);
    await assertNeutralized(staging.databaseName);
    // The source is untouched.
    const [endpoint] = await query<{ value: string }>(
      production.databaseName,
      "SELECT value FROM ir_config_parameter WHERE key = 'paas_conformance.endpoint'",
    );
    assert.equal(endpoint?.value, 'https://production.example.com');
  });

  it('imports an Odoo zip from elsewhere, keeping what its manifest says of its source, and restores it', async () => {
    const foreign = join(dir, 'foreign.zip');
    await rewriteManifest(zip, foreign, { version: `${ODOO_SERIES}-20200101`, pg_version: '13.0' });
    const sent = await upload(suite.agent.agent, token, staging.id, foreign);
    assert.equal(sent.status, 201, sent.text);
    const { upload: stored } = JSON.parse(sent.text) as { upload: { id: string } };
    // An upload is its uploader's to import.
    const uploader = await TestClient.open(suite.agent.agent.url, token);
    const { job: queued } = await uploader
      .request(ImportBackup, { uploadId: stored.id })
      .finally(() => uploader.close());
    const imported = await job(queued.id);
    assert.equal(imported.job.state, 'succeeded', describeJob(imported.job));
    const again = join(dir, 'imported.zip');
    assert.equal(
      (await download(suite.agent.agent, token, imported.job.backupId!, 'zip', again)).status,
      200,
    );
    const seen = await inspectZip(again);
    assert.equal(seen.manifest?.version, `${ODOO_SERIES}-20200101`);
    assert.equal(seen.manifest?.pg_version, '13.0');
    const { job: restoring } = await client().request(RestoreBackup, {
      backupId: imported.job.backupId!,
      targetAppId: staging.id,
    });
    const done = await job(restoring.id);
    assert.equal(done.job.state, 'succeeded', describeJob(done.job));
    // A restore moves the app onto a new database: read the one it serves now.
    staging = await refresh(staging);
    assert.equal((await moduleRow(staging.databaseName, MODULE))?.latest_version, `${ODOO_SERIES}.1.1.0`);
    assert.equal((await waitHttp(`${staging.url}/web/login`, 60_000)).status, 200);
  });
});

/** Production secrets a copy must not keep using: web-push keys and devices, IAP tokens, an endpoint. */
async function seedProductionSecrets(database: string): Promise<void> {
  await query(
    database,
    `INSERT INTO ir_config_parameter (key, value) VALUES
       ('mail.web_push_vapid_private_key', 'production-private'), ('mail.web_push_vapid_public_key', 'production-public'),
       ('mail.sfu_server_key', 'production-sfu'), ('paas_conformance.endpoint', 'https://production.example.com')
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
  );
  // res_partner 3 is the admin's partner on Odoo; the stand-in's table has no foreign key.
  const [device] = await query<{ id: number }>(
    database,
    "INSERT INTO mail_partner_device (partner_id, endpoint, keys) VALUES (3, 'https://push.example.com/phone', '{}') RETURNING id",
  );
  await query(database, "INSERT INTO mail_notification_web_push (user_device, payload) VALUES ($1, '{}')", [
    device!.id,
  ]);
  await query(
    database,
    `INSERT INTO iap_account (service_name, account_token) VALUES
       ('sms', '${'a'.repeat(32)}'), ('ocr', '${'b'.repeat(40)}'), ('legacy', '${'c'.repeat(43)}')`,
  );
}

/** What Odoo's base, web, mail and iap data/neutralize.sql (and the module's own) leave in a copy. */
async function assertNeutralized(database: string): Promise<void> {
  const param = async (key: string) =>
    (
      await query<{ value: string }>(database, 'SELECT value FROM ir_config_parameter WHERE key = $1', [key])
    )[0]?.value;
  assert.equal(await param('database.is_neutralized'), 'true');
  assert.equal(
    await param('paas_conformance.endpoint'),
    'neutralized',
    'the module’s own neutralize.sql ran',
  );
  assert.equal(await param('mail.web_push_vapid_private_key'), undefined);
  assert.equal(await param('mail.web_push_vapid_public_key'), undefined);
  assert.equal(await param('mail.sfu_server_key'), undefined);
  assert.deepEqual(await query(database, 'SELECT id FROM mail_partner_device'), []);
  assert.deepEqual(await query(database, 'SELECT id FROM mail_notification_web_push'), []);
  const banner = await query<{ active: boolean }>(
    database,
    "SELECT active FROM ir_ui_view WHERE key = 'web.neutralize_banner'",
  );
  assert.deepEqual(banner, [{ active: true }]);
  const crons = await query<{ active: boolean; autovacuum: boolean }>(
    database,
    `SELECT c.active, d.id IS NOT NULL AS autovacuum FROM ir_cron c LEFT JOIN ir_model_data d
       ON d.model = 'ir.cron' AND d.res_id = c.id AND d.module = 'base' AND d.name = 'autovacuum_job'`,
  );
  assert.ok(crons.length > 1, 'a cron besides the autovacuum');
  for (const cron of crons) assert.equal(cron.active, cron.autovacuum, JSON.stringify(crons));
  const tokens = await query<{ service_name: string; account_token: string }>(
    database,
    "SELECT service_name, account_token FROM iap_account WHERE service_name IN ('sms', 'ocr', 'legacy') ORDER BY id",
  );
  assert.deepEqual(tokens, [
    { service_name: 'sms', account_token: `${'a'.repeat(32)}+disabled` },
    { service_name: 'ocr', account_token: 'dummy_value+disabled' },
    { service_name: 'legacy', account_token: 'dummy_value+disabled' },
  ]);
}

/** A copy of a zip whose manifest.json says it came from elsewhere (another release, PostgreSQL). */
async function rewriteManifest(from: string, to: string, values: Record<string, string>): Promise<void> {
  const script = `
import json, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as src, zipfile.ZipFile(sys.argv[2], 'w', zipfile.ZIP_DEFLATED) as dst:
    for item in src.infolist():
        data = src.read(item.filename)
        if item.filename == 'manifest.json':
            data = json.dumps({**json.loads(data), **json.loads(sys.argv[3])}).encode()
        dst.writestr(item, data)
`;
  await run('python3', ['-c', script, from, to, JSON.stringify(values)]);
}
