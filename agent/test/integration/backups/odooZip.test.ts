import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Parser, type ReadEntry } from 'tar';
import { CreateBackup, GetApp, GetBackup, ImportBackup, RestoreBackup, type Backup } from '@paas/protocol';
import { makeTempDir, withAdminClient } from '@paas/scripts/out/src/testkit/index.js';
import { pgToolEnv } from '../../../src/adapters/pgtools/pgServer';
import { adminServer, dropDatabases, uniqueName } from '../../helpers/backupFixtures';
import { extractEntry, inspectZip, zipLikeOdoo } from '../../helpers/odooZips';
import { download, sha256Of, upload } from '../../helpers/transfers';
import { SEEDED_ROWS, databaseContent, useZipProject } from '../../helpers/zipProject';
import { describeJob, waitJob } from '../deploy/deployKit';

const run = promisify(execFile);

/** Every filestore file of one of our tar archives: relative path → SHA-256 of its bytes. */
async function filestoreOfTar(path: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const parser = new Parser();
  parser.on('entry', (entry: ReadEntry) => {
    if (!entry.path.startsWith('filestore/') || entry.type !== 'File') return entry.resume();
    const hash = createHash('sha256');
    entry.on('data', (chunk: Buffer) => hash.update(chunk));
    entry.on('end', () => files.set(entry.path.slice('filestore/'.length), hash.digest('hex')));
  });
  await new Promise<void>((resolve, reject) => {
    parser.on('end', resolve).on('error', reject);
    createReadStream(path).pipe(parser as unknown as NodeJS.WritableStream);
  });
  return files;
}

describe('Odoo database zips: download, upload, import and restore through the real agent', function () {
  this.timeout(300_000);
  const project = useZipProject();
  const client = () => project.agent.client;
  let dir: string;
  let sourceBackup: Backup;
  let sourceZip: string;
  let sourceTar: string;
  const scratch: string[] = [];

  async function backupOf(appId: string): Promise<Backup> {
    const { job } = await client().request(CreateBackup, { appId });
    const done = await waitJob(client(), job.id);
    assert.equal(done.job.state, 'succeeded', describeJob(done.job));
    return (await client().request(GetBackup, { backupId: done.job.backupId! })).backup;
  }

  /** Uploads a zip for `appId` and imports it; resolves the imported backup. */
  async function importZip(zip: string, appId: string): Promise<Backup> {
    const sent = await upload(project.agent.agent, project.token, appId, zip);
    assert.equal(sent.status, 201, sent.text);
    const { upload: stored } = JSON.parse(sent.text) as {
      upload: { id: string; sizeBytes: number; sha256: string };
    };
    assert.equal(stored.sizeBytes, (await stat(zip)).size);
    assert.equal(stored.sha256, await sha256Of(zip));
    const { job } = await project.uploader.request(ImportBackup, { uploadId: stored.id });
    assert.equal(job.kind, 'import');
    const done = await waitJob(client(), job.id);
    assert.equal(done.job.state, 'succeeded', describeJob(done.job));
    assert.deepEqual(
      done.job.steps.map((s) => `${s.name}:${s.state}`),
      ['verify:succeeded', 'backup:succeeded'],
    );
    await assert.rejects(
      project.uploader.request(ImportBackup, { uploadId: stored.id }),
      /not found/i,
      'an upload is used once',
    );
    return (await client().request(GetBackup, { backupId: done.job.backupId! })).backup;
  }

  /** Restores and resolves the database the app serves now: a restore moves it onto a new one. */
  async function restore(backupId: string, targetAppId: string): Promise<string> {
    const { job } = await client().request(RestoreBackup, { backupId, targetAppId });
    const done = await waitJob(client(), job.id);
    assert.equal(done.job.state, 'succeeded', describeJob(done.job));
    return (await client().request(GetApp, { appId: targetAppId })).app.databaseName;
  }

  before(async () => {
    dir = await makeTempDir('odoozip');
    sourceBackup = await backupOf(project.source.id);
  });

  after(async () => {
    await dropDatabases(adminServer(), scratch);
  });

  it('serves a backup as stored (tar) and as an Odoo zip that Python’s zipfile reads and psql loads', async () => {
    sourceTar = join(dir, 'source.tar');
    const tar = await download(project.agent.agent, project.token, sourceBackup.id, 'tar', sourceTar);
    assert.equal(tar.status, 200);
    assert.equal(tar.headers['content-type'], 'application/x-tar');
    assert.equal(Number(tar.headers['content-length']), sourceBackup.sizeBytes);
    const stored = join(project.agent.agent.dataDir, 'backups', ...sourceBackup.path.split('/'));
    assert.equal(tar.sha256, await sha256Of(stored), 'the tar is the stored archive, byte for byte');

    sourceZip = join(dir, 'source.zip');
    const zip = await download(project.agent.agent, project.token, sourceBackup.id, 'zip', sourceZip);
    assert.equal(zip.status, 200);
    assert.equal(zip.headers['content-type'], 'application/zip');
    assert.match(
      String(zip.headers['content-disposition']),
      new RegExp(
        `^attachment; filename="${project.source.name}_\\d{4}-\\d\\d-\\d\\d_\\d\\d-\\d\\d-\\d\\d\\.zip"$`,
      ),
    );
    const seen = await inspectZip(sourceZip);
    assert.equal(seen.bad, null, 'every CRC checks');
    assert.ok(seen.names.includes('dump.sql') && seen.names.includes('manifest.json'), seen.names.join());
    assert.ok(!seen.names.includes('dump.pgdump'));
    assert.deepEqual(
      seen.names
        .filter((n) => n.startsWith('filestore/'))
        .map((n) => n.slice('filestore/'.length))
        .sort(),
      [...(await filestoreOfTar(sourceTar)).keys()].sort(),
    );
    assert.equal(seen.manifest?.db_name, project.source.databaseName);
    assert.equal(seen.manifest?.odoo_dump, '1');
    assert.ok(!('paas' in (seen.manifest ?? {})), 'the zip’s manifest is Odoo’s alone');

    // Odoo's restore loads dump.sql with psql into a new database.
    const sql = join(dir, 'dump.sql');
    await extractEntry(sourceZip, 'dump.sql', sql);
    const database = uniqueName('zipload');
    scratch.push(database);
    await withAdminClient((c) => c.query(`CREATE DATABASE "${database}" TEMPLATE template0`));
    await run('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-f', sql], {
      env: pgToolEnv(adminServer(), database),
    });
    assert.deepEqual(await databaseContent(database), await databaseContent(project.source.databaseName));
  });

  it('imports our zip as an imported backup of another app, which restores equal to the source', async () => {
    const source = await databaseContent(project.source.databaseName);
    const imported = await importZip(sourceZip, project.other.id);
    assert.equal(imported.kind, 'imported');
    assert.equal(imported.status, 'succeeded');
    assert.equal(imported.appId, project.other.id);
    assert.equal(imported.files, sourceBackup.files);
    assert.equal(imported.tables, sourceBackup.tables);
    assert.equal(imported.commitSha, null);
    assert.deepEqual(await readdir(join(project.agent.agent.dataDir, 'uploads')), [], 'the upload is gone');

    // An app getting its own (imported) backup keeps the database identity: a database moved here.
    const restored = await databaseContent(await restore(imported.id, project.other.id));
    assert.equal(restored.rows.length, SEEDED_ROWS);
    assert.deepEqual(restored.rows, source.rows);
    // Into development: neutralized as Odoo does (a flag in ir_config_parameter); otherwise the same.
    const { 'database.is_neutralized': neutralized, ...params } = restored.params;
    assert.equal(neutralized, 'true');
    assert.deepEqual(params, source.params);
    const again = join(dir, 'other.tar');
    await download(project.agent.agent, project.token, (await backupOf(project.other.id)).id, 'tar', again);
    assert.deepEqual(await filestoreOfTar(again), await filestoreOfTar(sourceTar));
  });

  it('gives a copy restored into another app a database identity of its own, as Odoo’s restore does', async () => {
    const source = await databaseContent(project.source.databaseName);
    const copy = await databaseContent(await restore(sourceBackup.id, project.other.id));
    assert.deepEqual(copy.rows, source.rows);
    assert.notEqual(copy.params['database.uuid'], source.params['database.uuid']);
    assert.match(copy.params['database.uuid'] ?? '', /^[0-9a-f-]{36}$/);
    assert.notEqual(copy.params['database.secret'], source.params['database.secret']);
    assert.match(copy.params['database.create_date'] ?? '', /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  });

  it('imports a zip made the way Odoo’s database manager makes it (pg_dump --no-owner, zip_dir)', async () => {
    const odooDir = join(dir, 'odoo-made');
    await mkdir(join(odooDir, 'filestore', 'ab'), { recursive: true });
    await writeFile(join(odooDir, 'filestore', 'ab', 'abcdef0123'), 'an attachment from elsewhere');
    await run('pg_dump', ['--no-owner', `--file=${join(odooDir, 'dump.sql')}`], {
      env: pgToolEnv(adminServer(), project.source.databaseName),
    });
    await writeFile(
      join(odooDir, 'manifest.json'),
      JSON.stringify(
        {
          odoo_dump: '1',
          db_name: 'elsewhere',
          version: '17.0',
          version_info: [17, 0, 0, 'final', 0, ''],
          major_version: '17.0',
          pg_version: '15.0',
          modules: { base: '17.0.1.3' },
        },
        null,
        4,
      ),
    );
    const zip = join(dir, 'odoo-made.zip');
    await zipLikeOdoo(odooDir, zip);
    const imported = await importZip(zip, project.source.id);
    assert.equal(imported.kind, 'imported');
    assert.equal(imported.files, 1);
    assert.equal(imported.odooVersion, '17.0');
    assert.equal(imported.environmentType, 'staging');
  });

  it('imports a zip whose dump names attachments it lacks, counting them; checklist markers are no files', async () => {
    const odooDir = join(dir, 'odoo-missing');
    await mkdir(join(odooDir, 'filestore', 'ab'), { recursive: true });
    await writeFile(join(odooDir, 'filestore', 'ab', 'abcdef0123'), 'the one attachment the zip holds');
    // Odoo's garbage-collection markers: empty files under checklist/ (ir_attachment.py `_mark_for_gc`).
    await mkdir(join(odooDir, 'filestore', 'checklist', 'ab'), { recursive: true });
    await writeFile(join(odooDir, 'filestore', 'checklist', 'ab', 'abcdef0123'), '');
    await run('pg_dump', ['--no-owner', `--file=${join(odooDir, 'dump.sql')}`], {
      env: pgToolEnv(adminServer(), project.source.databaseName),
    });
    const already = await withAdminClient(async (c) => {
      const { rows } = await c.query<{ n: number }>(
        'SELECT count(DISTINCT store_fname)::int AS n FROM ir_attachment WHERE store_fname IS NOT NULL',
      );
      return rows[0]!.n;
    }, project.source.databaseName);
    // Before pg_dump's closing `\unrestrict` line, where the dump's own statements end.
    const dumpPath = join(odooDir, 'dump.sql');
    const rows =
      "INSERT INTO public.ir_attachment (name, store_fname) VALUES ('held', 'ab/abcdef0123'), " +
      "('lost', 'cd/cdef000001'), ('lost too', 'ef/ef00000002'), ('url', NULL);\n";
    const dump = await readFile(dumpPath, 'utf8');
    const end = dump.lastIndexOf('\n\\unrestrict ');
    await writeFile(
      dumpPath,
      end < 0 ? dump + rows : `${dump.slice(0, end + 1)}${rows}${dump.slice(end + 1)}`,
    );
    const zip = join(dir, 'odoo-missing.zip');
    await zipLikeOdoo(odooDir, zip);
    const imported = await importZip(zip, project.source.id);
    assert.equal(imported.files, 1, 'the marker is not counted');
    assert.equal(imported.missingAttachments, already + 2);
  });
});
