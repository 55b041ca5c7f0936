import assert from 'node:assert/strict';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { writeBackupArchive } from '../../../src/adapters/archive/writeBackup';
import { LocalStorage } from '../../../src/adapters/storage/local';
import { restoreToCopy } from '../../../src/services/backups/restore';
import {
  adminServer,
  createDatabase,
  databasesLike,
  dropDatabases,
  fileHashes,
  identity,
  makeFilestore,
  removeDir,
  seedNeutralizedTables,
  seedOdooDatabase,
  sql,
  tableContents,
  tempDir,
  uniqueName,
} from '../../helpers/backupFixtures';

describe('backups: backup → restore round trip (real PostgreSQL, real files)', function () {
  const server = adminServer();
  const prefix = uniqueName('bkrt');
  const source = `${prefix}_src`;
  let dir: string;

  before(async () => {
    dir = await tempDir();
    await createDatabase(server, source);
    await seedOdooDatabase(server, source, 2000);
    await makeFilestore(join(dir, 'filestore', source), 60, 3000);
  });

  after(async () => {
    await dropDatabases(server, await databasesLike(server, prefix));
    await removeDir(dir);
  });

  it('restores a database equal to the source and every filestore file byte for byte', async () => {
    const storage = new LocalStorage(join(dir, 'storage'));
    const out = new PassThrough();
    const [manifest, stored] = await Promise.all([
      writeBackupArchive(
        {
          server,
          database: source,
          filestoreDir: join(dir, 'filestore', source),
          spoolDir: dir,
          odooVersion: '17.0',
        },
        identity(),
        out,
      ),
      storage.put('p/e/a/b1.tar', out),
    ]);
    assert.equal(manifest.odoo_dump, '1');
    assert.equal(manifest.major_version, '17.0');
    // odoo/service/db.py dump_db_manifest: "%d.%d" % divmod(server_version / 100, 100).
    const serverVersion = await sql<{ server_version_num: string }>(
      server,
      source,
      'SHOW server_version_num',
    );
    const n = Number(serverVersion[0]!.server_version_num);
    assert.equal(manifest.pg_version, `${Math.floor(n / 10000)}.0`);
    assert.match(manifest.pg_version, /^1\d\.0$/);
    assert.deepEqual(manifest.modules, { base: '17.0.1.3', mail: '17.0.1.15', web: '17.0.1.0' });
    assert.equal(manifest.paas?.filestore.files, 60);
    assert.ok(stored.size > 0);

    const copy = await restoreToCopy({
      storage,
      key: 'p/e/a/b1.tar',
      expected: { database: manifest.paas!.database.sha256, filestore: manifest.paas!.filestore.sha256 },
      server,
      database: `${prefix}_restore`,
      workDir: join(dir, 'work'),
      neutralize: false,
    });
    assert.deepEqual(await tableContents(server, copy.database), await tableContents(server, source));
    assert.deepEqual(await fileHashes(copy.filestoreDir), await fileHashes(join(dir, 'filestore', source)));
    await copy.discard();
    assert.deepEqual(await databasesLike(server, `${prefix}_restore`), []);
  });

  it('the fallback SQL does what Odoo 17’s web, mail and iap neutralize.sql do', async () => {
    const full = `${prefix}_full`;
    await createDatabase(server, full);
    await seedOdooDatabase(server, full, 10);
    await seedNeutralizedTables(server, full);
    const storage = new LocalStorage(join(dir, 'storage3'));
    const out = new PassThrough();
    await Promise.all([
      writeBackupArchive({ server, database: full, filestoreDir: undefined, spoolDir: dir }, identity(), out),
      storage.put('b3.tar', out),
    ]);
    const copy = await restoreToCopy({
      storage,
      key: 'b3.tar',
      server,
      database: `${prefix}_full_neutral`,
      workDir: join(dir, 'work3'),
      neutralize: true,
      odooNeutralize: async () => ({ fallback: 'the image has no "odoo neutralize"' }),
    });
    try {
      const query = (text: string) => sql(server, copy.database, text);
      // addons/web/data/neutralize.sql
      assert.deepEqual(await query('SELECT key, active FROM ir_ui_view ORDER BY id'), [
        { key: 'web.neutralize_banner', active: true },
        { key: 'web.login', active: true },
      ]);
      // addons/mail/data/neutralize.sql
      assert.deepEqual(
        await query("SELECT key FROM ir_config_parameter WHERE key LIKE 'mail.%' ORDER BY key"),
        [],
      );
      assert.deepEqual(await query('SELECT * FROM mail_partner_device'), []);
      assert.deepEqual(await query('SELECT * FROM mail_notification_web_push'), []);
      // addons/iap/data/neutralize.sql (17.0): short tokens get the suffix, a legacy 43-character one is replaced.
      assert.deepEqual(await query('SELECT service_name, account_token FROM iap_account ORDER BY id'), [
        { service_name: 'sms', account_token: `${'a'.repeat(32)}+disabled` },
        { service_name: 'ocr', account_token: `${'b'.repeat(28)}+disabled` },
        { service_name: 'legacy', account_token: 'dummy_value+disabled' },
      ]);
      // odoo/addons/base/data/neutralize.sql keeps the autovacuum cron.
      const crons = await query('SELECT active FROM ir_cron ORDER BY id');
      assert.deepEqual(
        crons.map((c) => c.active),
        [true, false, false],
      );
      assert.equal(copy.neutralized[0], 'fallback SQL: the image has no "odoo neutralize"');
    } finally {
      await copy.discard();
    }
  });

  it('neutralizes a copy as Odoo does: crons but autovacuum off, mail servers off, flag set', async () => {
    const storage = new LocalStorage(join(dir, 'storage2'));
    const out = new PassThrough();
    await Promise.all([
      writeBackupArchive(
        { server, database: source, filestoreDir: undefined, spoolDir: dir },
        identity(),
        out,
      ),
      storage.put('b2.tar', out),
    ]);
    const copy = await restoreToCopy({
      storage,
      key: 'b2.tar',
      server,
      database: `${prefix}_neutral`,
      workDir: join(dir, 'work2'),
      neutralize: true,
    });
    try {
      const crons = await sql<{ name: string; active: boolean }>(
        server,
        copy.database,
        'SELECT name, active FROM ir_cron ORDER BY id',
      );
      assert.deepEqual(
        crons.map((c) => c.active),
        [true, false, false],
      );
      const servers = await sql<{ name: string; active: boolean }>(
        server,
        copy.database,
        'SELECT name, active FROM ir_mail_server ORDER BY id',
      );
      assert.deepEqual(
        servers.map((s) => [s.name, s.active]),
        [
          ['prod smtp', false],
          ['neutralization - disable emails', true],
        ],
      );
      const flag = await sql(
        server,
        copy.database,
        "SELECT value FROM ir_config_parameter WHERE key = 'database.is_neutralized'",
      );
      assert.deepEqual(flag, [{ value: 'true' }]);
      const templates = await sql(server, copy.database, 'SELECT mail_server_id FROM mail_template');
      assert.deepEqual(templates, [{ mail_server_id: null }]);
      assert.ok(copy.neutralized.includes('base: outgoing mail servers deactivated'));
      // The source is never touched.
      const sourceCrons = await sql<{ active: boolean }>(server, source, 'SELECT active FROM ir_cron');
      assert.ok(sourceCrons.every((c) => c.active));
    } finally {
      await copy.discard();
    }
  });
});
