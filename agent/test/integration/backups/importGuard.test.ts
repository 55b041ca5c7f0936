import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  CreateBackup,
  ErrorCode,
  RestoreBackup,
  GetBackup,
  ImportBackup,
  ListAuditEntries,
  ListServers,
  ListBackups,
  TransferErrorSchema,
} from '@paas/protocol';
import { TestClient } from '@paas/scripts/out/src/testClient.js';
import { ensureServices, makeTempDir, withAdminClient } from '@paas/scripts/out/src/testkit/index.js';
import { zipLikeOdoo } from '../../helpers/odooZips';
import { abandonDownload, download, upload } from '../../helpers/transfers';
import { useZipProject } from '../../helpers/zipProject';
import { waitJob } from '../deploy/deployKit';

/** The largest upload this suite's agent takes (the config minimum is 1 MiB). */
const MAX_UPLOAD = 2 * 1024 * 1024;

/** A valid little dump, as `dump.sql` (pg_dump of an empty table with one row). */
const GOOD_SQL = 'CREATE TABLE t (id int);\nCOPY t (id) FROM stdin;\n1\n\\.\n';

describe('imports refuse hostile and broken zips, and transfers are authorized like requests', function () {
  this.timeout(300_000);
  const project = useZipProject({ maxUploadBytes: MAX_UPLOAD });
  let dir: string;
  /** Where a program the database server ran could leave a mark: it runs as the `postgres` OS user. */
  let marks: string;

  before(async () => {
    dir = await makeTempDir('zipguard');
    marks = join(dir, 'marks');
    await mkdir(marks);
    await chmod(dir, 0o755);
    await chmod(marks, 0o1777);
  });

  /** Zips `files` (plus raw `extra` entries) as Odoo does, uploads and imports it; resolves the ended job. */
  async function importOf(
    name: string,
    files: Record<string, string>,
    extra: Record<string, [number, string]> = {},
  ) {
    const source = join(dir, name);
    await mkdir(source);
    for (const [path, content] of Object.entries(files)) {
      await mkdir(join(source, path, '..'), { recursive: true });
      await writeFile(join(source, path), content);
    }
    const zip = join(dir, `${name}.zip`);
    await zipLikeOdoo(source, zip, extra);
    return importBytes(zip);
  }

  async function importBytes(file: string | Buffer) {
    const sent = await upload(project.agent.agent, project.token, project.other.id, file);
    assert.equal(sent.status, 201, sent.text);
    const { upload: stored } = JSON.parse(sent.text) as { upload: { id: string } };
    const { job } = await project.uploader.request(ImportBackup, { uploadId: stored.id });
    return (await waitJob(project.uploader, job.id)).job;
  }

  async function expectRefused(job: Awaited<ReturnType<typeof importBytes>>, code: string, message: RegExp) {
    assert.equal(job.state, 'failed', JSON.stringify(job));
    assert.equal(job.error?.code, code, job.error?.message);
    assert.match(job.error?.message ?? '', message);
  }

  it('refuses entries that escape, links and devices, non-zips and zips without dump.sql', async () => {
    await expectRefused(
      await importOf('climbs', { 'dump.sql': GOOD_SQL }, { '../evil.txt': [0o100644, 'x'] }),
      'ZIP_INVALID',
      /invalid relative path|\.\./,
    );
    await expectRefused(
      await importOf('absolute', { 'dump.sql': GOOD_SQL }, { '/etc/evil': [0o100644, 'x'] }),
      'ZIP_INVALID',
      /absolute path/,
    );
    await expectRefused(
      await importOf('link', { 'dump.sql': GOOD_SQL }, { 'filestore/ab/link': [0o120777, '/etc/passwd'] }),
      'ARCHIVE_UNSAFE_ENTRY',
      /not a plain file/,
    );
    await expectRefused(
      await importOf('fifo', { 'dump.sql': GOOD_SQL }, { 'filestore/ab/fifo': [0o010644, ''] }),
      'ARCHIVE_UNSAFE_ENTRY',
      /not a plain file/,
    );
    await expectRefused(await importOf('nodump', { 'manifest.json': '{}' }), 'ZIP_INVALID', /no dump\.sql/);
    await expectRefused(
      await importBytes(Buffer.from('PK\u0003\u0004 but cut short')),
      'ZIP_INVALID',
      /usable Odoo/,
    );
  });

  it('runs the dump’s SQL without privileges and without psql meta-commands', async () => {
    const shell = join(dir, 'shell-ran');
    await expectRefused(
      await importOf('shell', { 'dump.sql': `${GOOD_SQL}\\! touch ${shell}\n` }),
      'PG_RESTORE_FAILED',
      /backslash commands are restricted/,
    );
    // A dump that tries to leave restricted mode with a key of its own choosing.
    await expectRefused(
      await importOf('unrestrict', {
        'dump.sql': `\\restrict abc\n${GOOD_SQL}\\unrestrict abc\n\\! touch ${shell}\n`,
      }),
      'PG_RESTORE_FAILED',
      /\\unrestrict: wrong key/,
    );
    const program = join(marks, 'program-ran');
    await expectRefused(
      await importOf('program', { 'dump.sql': `COPY (SELECT 1) TO PROGRAM 'touch ${program}';\n` }),
      'PG_RESTORE_FAILED',
      /pg_execute_server_program|superuser/,
    );
    await expectRefused(
      await importOf('role', { 'dump.sql': 'ALTER ROLE CURRENT_USER SUPERUSER;\n' }),
      'PG_RESTORE_FAILED',
      /permission denied|must be superuser/,
    );
    assert.equal(existsSync(shell), false, 'no shell command ran');
    assert.equal(existsSync(program), false, 'no program ran');
  });

  it('leaves nothing behind after refused imports: no backup, sandbox database or role, work directory', async () => {
    const { backups } = await project.agent.client.request(ListBackups, {
      projectId: project.projectId,
      kinds: ['imported'],
      includeDeleted: true,
    });
    assert.deepEqual(
      backups.filter((b) => b.status !== 'failed').map((b) => b.id),
      [],
    );
    const leftovers = await withAdminClient(async (client) => {
      const dbs = await client.query("SELECT datname FROM pg_database WHERE datname LIKE 'paas_sandbox_%'");
      const roles = await client.query("SELECT rolname FROM pg_roles WHERE rolname LIKE 'paas_sandbox_%'");
      return [...dbs.rows.map((r) => r.datname as string), ...roles.rows.map((r) => r.rolname as string)];
    });
    assert.deepEqual(leftovers, []);
    const work = await readdir(join(project.agent.agent.dataDir, 'backups-work')).catch(() => []);
    assert.deepEqual(
      work.filter((name) => name.includes('_import_')),
      [],
    );
  });

  it('never runs what an upload defined as the admin: a booby-trapped view is not read', async () => {
    // The admin would run this function if it selected from the view: Odoo's manifest reads the table.
    const trap = join(marks, 'view-ran');
    const sql = [
      'CREATE FUNCTION trap() RETURNS text LANGUAGE plpgsql AS $$',
      `BEGIN COPY (SELECT 1) TO PROGRAM 'touch ${trap}'; RETURN '1.0'; END $$;`,
      "CREATE VIEW ir_module_module AS SELECT 'base'::text AS name, 'installed'::text AS state, trap() AS latest_version;",
      '',
    ].join('\n');
    const job = await importOf('trap', { 'dump.sql': sql });
    assert.equal(existsSync(trap), false, 'the trap did not run');
    // Only a plain ir_module_module table is read for the manifest; the view is dumped, never selected.
    assert.equal(job.state, 'succeeded', JSON.stringify(job));
    const { backup } = await project.agent.client.request(GetBackup, { backupId: job.backupId! });
    assert.equal(backup.kind, 'imported');
  });

  it('imports an upload once, even when asked twice at once', async () => {
    const source = join(dir, 'twice');
    await mkdir(source);
    await writeFile(join(source, 'dump.sql'), GOOD_SQL);
    const zip = join(dir, 'twice.zip');
    await zipLikeOdoo(source, zip);
    const sent = await upload(project.agent.agent, project.token, project.other.id, zip);
    const { upload: stored } = JSON.parse(sent.text) as { upload: { id: string } };
    const [first, second] = await Promise.allSettled([
      project.uploader.request(ImportBackup, { uploadId: stored.id }),
      project.uploader.request(ImportBackup, { uploadId: stored.id }),
    ]);
    assert.equal(first.status, 'fulfilled');
    assert.equal(second.status, 'rejected');
    assert.match(String((second as PromiseRejectedResult).reason), /already imported/);
    const done = await waitJob(
      project.uploader,
      (first as PromiseFulfilledResult<{ job: { id: string } }>).value.job.id,
    );
    assert.equal(done.job.state, 'succeeded', JSON.stringify(done.job));
  });

  it('restores load and neutralize as the app’s own role: a trigger the app defined gets no admin rights', async () => {
    const trap = join(marks, 'trigger-ran');
    // The app (its own role) puts a trigger on ir_cron; neutralizing the copy updates ir_cron.
    await withAdminClient(async (client) => {
      await client.query(`SET ROLE "${project.source.databaseName}"`);
      await client.query(
        `CREATE FUNCTION cron_trap() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN COPY (SELECT 1) TO PROGRAM 'touch ${trap}'; RETURN NEW; END $$`,
      );
      await client.query(
        'CREATE TRIGGER cron_trap BEFORE UPDATE ON ir_cron FOR EACH ROW EXECUTE FUNCTION cron_trap()',
      );
    }, project.source.databaseName);
    const before = await withAdminClient(
      async (client) =>
        (await client.query("SELECT to_regproc('cron_trap') AS f")).rows[0] as { f: string | null },
      project.other.databaseName,
    );
    const { job: backupJob } = await project.agent.client.request(CreateBackup, { appId: project.source.id });
    const backupId = (await waitJob(project.agent.client, backupJob.id)).job.backupId!;
    // Into development: neutralized, so the trigger fires, as the app's role, which may not run programs.
    const { job } = await project.agent.client.request(RestoreBackup, {
      backupId,
      targetAppId: project.other.id,
    });
    const done = (await waitJob(project.agent.client, job.id)).job;
    assert.equal(existsSync(trap), false, 'the trigger ran no program');
    assert.equal(done.state, 'failed', JSON.stringify(done));
    assert.match(done.error?.message ?? '', /pg_execute_server_program|superuser/);
    const after = await withAdminClient(
      async (client) =>
        (await client.query("SELECT to_regproc('cron_trap') AS f")).rows[0] as { f: string | null },
      project.other.databaseName,
    );
    assert.deepEqual(after, before, 'the failed restore left the target as it was');
  });

  it('answers transfers without a valid token, role or input with their HTTP status and nothing stored', async () => {
    const agent = project.agent.agent;
    const { job } = await project.agent.client.request(CreateBackup, { appId: project.source.id });
    const backupId = (await waitJob(project.agent.client, job.id)).job.backupId!;
    const errorOf = (text: string) => TransferErrorSchema.parse(JSON.parse(text)).error;

    const anonymous = await download(agent, undefined, backupId, 'zip');
    assert.equal(anonymous.status, 401);
    assert.equal(errorOf(anonymous.text).code, ErrorCode.Unauthorized);
    assert.equal((await upload(agent, 'paas_wrong', project.other.id, Buffer.from('x'))).status, 401);

    // A viewer of the organization without a grant on the project does not see it at all.
    const viewer = agent.createToken('viewer', 'outsider');
    const hidden = await download(agent, viewer, backupId, 'tar');
    assert.equal(hidden.status, 404);
    assert.equal(errorOf(hidden.text).code, ErrorCode.NotFound);
    assert.equal((await upload(agent, viewer, project.other.id, Buffer.from('x'))).status, 404);

    // A client that goes away in the middle of a zip (its dump.sql is being converted) leaves the agent serving.
    await abandonDownload(agent, project.token, backupId, 'zip');
    const whole = await download(agent, project.token, backupId, 'zip');
    assert.equal(whole.status, 200);
    assert.ok(whole.complete);

    assert.equal((await download(agent, project.token, backupId, 'rar')).status, 400);
    assert.equal((await download(agent, project.token, 'nosuchbackup', 'zip')).status, 404);
    const large = await upload(agent, project.token, project.other.id, Buffer.alloc(MAX_UPLOAD + 1));
    assert.equal(large.status, 413);
    assert.equal(errorOf(large.text).code, ErrorCode.LimitExceeded);
    assert.equal(large.bodySent, false, 'a refused upload is answered before its body is sent');
    assert.deepEqual(
      await readdir(join(agent.dataDir, 'uploads')),
      [],
      'refused uploads leave no file, and imports used theirs up',
    );

    // Another owner may not import someone else's upload.
    const sent = await upload(agent, project.token, project.other.id, Buffer.from('mine'));
    const { upload: mine } = JSON.parse(sent.text) as { upload: { id: string } };
    const otherOwner = await TestClient.open(agent.url, agent.createToken('owner', 'another-owner'));
    try {
      await assert.rejects(otherOwner.request(ImportBackup, { uploadId: mine.id }), /upload .* not found/);
    } finally {
      await otherOwner.close();
    }

    const { entries } = await project.agent.client.request(ListAuditEntries, {
      projectId: project.projectId,
      action: 'backups/download',
    });
    const outcomes = entries.map((e) => `${e.outcome}:${e.target}`);
    assert.ok(outcomes.includes(`failed:backup:${backupId}`), outcomes.join());
    const uploads = await project.agent.client.request(ListAuditEntries, {
      projectId: project.projectId,
      action: 'uploads/create',
    });
    assert.ok(
      uploads.entries.some((e) => e.outcome === 'succeeded' && e.target === `upload:${mine.id}`),
      JSON.stringify(uploads.entries),
    );
  });

  // Last: it kills the agent (the uploader's connection goes with it).
  it('sweeps at start the sandboxes it left when it died mid-way, and only its own', async () => {
    const { servers } = await project.agent.client.request(ListServers, {});
    const tag = servers[0]!.id.toLowerCase().replace(/[^a-z0-9]/g, '0');
    const mine = `paas_sandbox_${tag}_import_leftover`;
    const theirs = 'paas_sandbox_anotheragent_import_leftover';
    await project.agent.agent.kill();
    const { postgres } = await ensureServices();
    await withAdminClient(async (client) => {
      for (const name of [mine, theirs]) {
        await client.query(`CREATE ROLE "${name}" LOGIN`);
        await client.query(`CREATE DATABASE "${name}" OWNER "${name}"`);
        // The agent makes itself a member of every sandbox it creates (it is no superuser).
        await client.query(`GRANT "${name}" TO "${postgres.agentUser}"`);
      }
    });
    const present = () =>
      withAdminClient(async (client) =>
        (
          await client.query<{ n: string }>(
            'SELECT datname AS n FROM pg_database WHERE datname = ANY($1) UNION ALL SELECT rolname FROM pg_roles WHERE rolname = ANY($1)',
            [[mine, theirs]],
          )
        ).rows.map((row) => row.n),
      );
    try {
      await project.agent.restart();
      assert.deepEqual(await present(), [theirs, theirs], 'its own sandbox is gone, another agent’s is kept');
    } finally {
      await withAdminClient(async (client) => {
        for (const name of [mine, theirs]) {
          await client.query(`DROP DATABASE IF EXISTS "${name}"`);
          await client.query(`DROP ROLE IF EXISTS "${name}"`);
        }
      });
    }
  });
});
