import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GetJob, ImportBackup, ListBackups, ListServers } from '@paas/protocol';
import { makeTempDir } from '@paas/scripts/out/src/testkit/index.js';
import { createWriteStream } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';
import { zipLikeOdoo } from '../../helpers/odooZips';
import { upload } from '../../helpers/transfers';
import { useZipProject } from '../../helpers/zipProject';
import { waitJob } from '../deploy/deployKit';

const GOOD_SQL = 'CREATE TABLE t (id int);\nCOPY t (id) FROM stdin;\n1\n\\.\n';
/** The bomb: this many zero bytes in one filestore file, deflated about a thousandfold. */
const BOMB_BYTES = 256 * 1024 * 1024;

/** A zip of `dump.sql` and one filestore file of `zeros` zero bytes, made with yazl (deflate). */
async function zeroBomb(path: string, zeros: number): Promise<void> {
  const zip = new ZipFile();
  zip.addBuffer(Buffer.from(GOOD_SQL), 'dump.sql');
  const chunk = Buffer.alloc(1024 * 1024);
  async function* run() {
    for (let left = zeros; left > 0; left -= chunk.length)
      yield chunk.subarray(0, Math.min(left, chunk.length));
  }
  zip.addReadStream(Readable.from(run()), 'filestore/ab/abcdef', { size: zeros });
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(path));
}

/** Rewrites every central-directory entry's uncompressed size to `size`: a zip that lies about its content. */
async function lieAboutSizes(path: string, size: number): Promise<void> {
  const bytes = await readFile(path);
  const signature = Buffer.from([0x50, 0x4b, 0x01, 0x02]); // central directory file header
  for (let at = bytes.indexOf(signature); at !== -1; at = bytes.indexOf(signature, at + 4))
    bytes.writeUInt32LE(size, at + 24);
  await writeFile(path, bytes);
}

describe('imports: a decompression bomb is refused and the quota counts', function () {
  this.timeout(300_000);
  // Small caps keep the test fast: 64 MiB expanded at most, 50 times the zip, 8 MiB of backups per project.
  const project = useZipProject({
    maxUploadBytes: 16 * 1024 * 1024,
    importMaxExpandedBytes: 64 * 1024 * 1024,
    importMaxExpansionRatio: 50,
    projectBackupQuotaBytes: 8 * 1024 * 1024,
  });
  let dir: string;

  before(async () => {
    dir = await makeTempDir('zipbomb');
  });

  async function importFile(file: string) {
    const sent = await upload(project.agent.agent, project.token, project.other.id, file);
    assert.equal(sent.status, 201, sent.text);
    const { upload: stored } = JSON.parse(sent.text) as { upload: { id: string } };
    const { job } = await project.uploader.request(ImportBackup, { uploadId: stored.id });
    return { uploadId: stored.id, job: (await waitJob(project.uploader, job.id)).job };
  }

  async function assertNothingLeft(uploadId: string) {
    const dataDir = project.agent.agent.dataDir;
    const work = await readdir(join(dataDir, 'backups-work')).catch(() => [] as string[]);
    assert.deepEqual(
      work.filter((name) => name.includes('_import_')),
      [],
      'no staging directory',
    );
    assert.equal(existsSync(join(dataDir, 'uploads', `${uploadId}.upload`)), false, 'the upload is used up');
    const { backups } = await project.agent.client.request(ListBackups, {
      projectId: project.projectId,
      kinds: ['imported'],
    });
    assert.deepEqual(
      backups.filter((b) => b.status === 'succeeded'),
      [],
      'no imported backup',
    );
  }

  async function assertAgentAlive() {
    assert.equal(project.agent.agent.child.exitCode, null, project.agent.agent.output().slice(-2000));
    await project.agent.client.request(ListServers, {});
  }

  it('refuses an honest zip bomb from its central directory, leaves nothing and stays up', async () => {
    const bomb = join(dir, 'bomb.zip');
    await zeroBomb(bomb, BOMB_BYTES);
    const zipBytes = (await stat(bomb)).size;
    assert.ok(zipBytes < 1024 * 1024, `the bomb is ${zipBytes} bytes`);
    const { uploadId, job } = await importFile(bomb);
    assert.equal(job.state, 'failed', JSON.stringify(job));
    assert.equal(job.error?.code, 'ZIP_TOO_LARGE', job.error?.message);
    assert.match(
      job.error?.message ?? '',
      /declares \d+ bytes.*importMaxExpandedBytes.*importMaxExpansionRatio/,
    );
    await assertNothingLeft(uploadId);
    await assertAgentAlive();
  });

  it('refuses a bomb whose central directory lies about its sizes while extracting', async () => {
    const bomb = join(dir, 'liar.zip');
    await zeroBomb(bomb, BOMB_BYTES);
    await lieAboutSizes(bomb, 1000);
    const { uploadId, job } = await importFile(bomb);
    assert.equal(job.state, 'failed', JSON.stringify(job));
    assert.match(job.error?.code ?? '', /^ZIP_(TOO_LARGE|INVALID)$/, job.error?.message);
    await assertNothingLeft(uploadId);
    await assertAgentAlive();
  });

  it('counts an import against the project backup quota', async () => {
    // 10 MiB of incompressible rows: under both expansion caps, over the 8 MiB quota.
    const source = join(dir, 'big');
    await mkdir(join(source, 'filestore', 'cd'), { recursive: true });
    await writeFile(join(source, 'dump.sql'), GOOD_SQL);
    await writeFile(join(source, 'filestore', 'cd', 'cdef'), randomBytes(10 * 1024 * 1024));
    const zip = join(dir, 'big.zip');
    await zipLikeOdoo(source, zip);
    const { uploadId, job } = await importFile(zip);
    assert.equal(job.state, 'failed', JSON.stringify(job));
    assert.equal(job.error?.code, 'BACKUP_QUOTA_EXCEEDED', job.error?.message);
    assert.match(job.error?.message ?? '', /projectBackupQuotaBytes/);
    await assertNothingLeft(uploadId);
  });

  // Last: it kills the agent.
  it('sweeps an import the agent died in at its next start: staging, upload, and the job says interrupted', async () => {
    const source = join(dir, 'slow');
    await mkdir(join(source, 'filestore', 'ef'), { recursive: true });
    await writeFile(join(source, 'dump.sql'), `${GOOD_SQL}SELECT pg_sleep(15);\n`);
    await writeFile(join(source, 'filestore', 'ef', 'efgh'), 'a file');
    const zip = join(dir, 'slow.zip');
    await zipLikeOdoo(source, zip);
    const sent = await upload(project.agent.agent, project.token, project.other.id, zip);
    const { upload: stored } = JSON.parse(sent.text) as { upload: { id: string } };
    const { job } = await project.uploader.request(ImportBackup, { uploadId: stored.id });
    const dataDir = project.agent.agent.dataDir;
    const staging = async () =>
      (await readdir(join(dataDir, 'backups-work')).catch(() => [] as string[])).filter((n) =>
        n.includes('_import_'),
      );
    const deadline = Date.now() + 60_000;
    while (
      (await staging()).length === 0 ||
      !existsSync(join(dataDir, 'backups-work', (await staging())[0]!, 'staging', 'filestore', 'ef'))
    ) {
      assert.ok(Date.now() < deadline, 'the import never got to loading');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await project.agent.agent.kill();
    assert.equal(existsSync(join(dataDir, 'uploads', `${stored.id}.upload`)), true, 'the upload was there');
    await project.agent.restart();
    assert.deepEqual(await staging(), [], 'the staging directory is gone');
    assert.equal(
      existsSync(join(dataDir, 'uploads', `${stored.id}.upload`)),
      false,
      'the used upload is gone',
    );
    const { job: after } = await project.agent.client.request(GetJob, { jobId: job.id });
    assert.equal(after.state, 'interrupted', JSON.stringify(after));
    assert.deepEqual(
      after.steps.filter((step) => step.state !== 'pending').map((step) => [step.name, step.state]),
      [['verify', 'interrupted']],
    );
  });
});
