import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { BackupManifest } from '@paas/protocol';
import { isAdapterError, type AdapterErrorCode } from '../../../src/adapters/errors';
import { writeBackupArchive } from '../../../src/adapters/archive/writeBackup';
import { LocalStorage } from '../../../src/adapters/storage/local';
import { restoreToCopy } from '../../../src/services/backups/restore';
import { databasesLike, identity, makeFilestore } from '../../helpers/backupFixtures';
import { useBackupScratch } from '../../helpers/backupScratch';
import { rawTar, type RawEntry } from '../../helpers/rawTar';

describe('backups: bad archives are refused and change nothing', function () {
  const scratch = useBackupScratch('bkbad', 200);
  const { server, prefix, source } = scratch;
  let storage: LocalStorage;
  let good: Buffer;
  let manifest: BackupManifest;

  before(async () => {
    storage = new LocalStorage(join(scratch.dir, 'storage'));
    await makeFilestore(join(scratch.dir, 'fs'), 6, 1500);
    const out = new PassThrough();
    [manifest] = await Promise.all([
      writeBackupArchive(
        { server, database: source, filestoreDir: join(scratch.dir, 'fs'), spoolDir: scratch.dir },
        identity(),
        out,
      ),
      storage.put('good.tar', out),
    ]);
    good = readFileSync(join(scratch.dir, 'storage', 'good.tar'));
  });

  let n = 0;
  /**
   * Restores `bytes` as the archive. `byRange`: as a restore from the catalog does, with the good archive's
   * checksums and the dump read apart by its byte range while the filestore is unpacked.
   */
  async function restoreBytes(bytes: Buffer, expected: AdapterErrorCode, byRange = false): Promise<void> {
    n += 1;
    await mkdir(join(scratch.dir, 'storage'), { recursive: true });
    writeFileSync(join(scratch.dir, 'storage', `case${n}.tar`), bytes);
    const database = `${prefix}_case${n}`;
    const workDir = join(scratch.dir, 'work', `case${n}`);
    await assert.rejects(
      restoreToCopy({
        storage,
        key: `case${n}.tar`,
        server,
        database,
        workDir,
        neutralize: false,
        ...(byRange ? catalogView() : {}),
      }),
      (error) => isAdapterError(error, expected),
    );
    assert.deepEqual(await databasesLike(server, database), [], 'no database is left behind');
    assert.equal(existsSync(workDir), false, 'no staged file is left behind');
  }

  function catalogView() {
    const { database, filestore } = manifest.paas!;
    return {
      expected: { database: database.sha256, filestore: filestore.sha256 },
      dumpRange: { start: database.offset!, length: database.size },
    };
  }

  const hostile: [string, RawEntry][] = [
    ['a path climbing out with ..', { path: 'filestore/../../escaped', data: 'x' }],
    ['an absolute path', { path: '/tmp/paas-backups-absolute-escape', data: 'x' }],
    ['a symbolic link', { path: 'filestore/ab/link', type: 'SymbolicLink', linkpath: '/etc/passwd' }],
    ['a hard link', { path: 'filestore/ab/hard', type: 'Link', linkpath: '/etc/passwd' }],
    ['a character device', { path: 'filestore/ab/dev', type: 'CharacterDevice' }],
    ['a FIFO', { path: 'filestore/ab/fifo', type: 'FIFO' }],
  ];
  for (const [what, entry] of hostile) {
    it(`refuses ${what} with nothing written`, async () => {
      const bytes = rawTar([
        { path: 'filestore/aa/first', data: 'fine' },
        entry,
        { path: 'dump.pgdump', data: 'x' },
      ]);
      await restoreBytes(bytes, 'ARCHIVE_UNSAFE_ENTRY');
      assert.equal(existsSync(join(scratch.dir, 'escaped')), false);
      assert.equal(existsSync('/tmp/paas-backups-absolute-escape'), false);
    });
  }

  it('refuses entries that are not part of a backup', async () => {
    await restoreBytes(rawTar([{ path: 'etc/cron.d/evil', data: 'x' }]), 'ARCHIVE_UNKNOWN_ENTRY');
  });

  it('refuses a truncated archive', async () => {
    await restoreBytes(good.subarray(0, Math.floor(good.length / 2)), 'ARCHIVE_CORRUPT');
  });

  for (const byRange of [false, true]) {
    const how = byRange ? ', its dump read by range' : '';
    it(`refuses an archive whose dump was altered${how}`, async () => {
      const altered = Buffer.from(good);
      const header = altered.indexOf('dump.pgdump');
      altered[header + 512 + 200] = altered[header + 512 + 200]! ^ 0xff;
      await restoreBytes(altered, 'ARCHIVE_CHECKSUM_MISMATCH', byRange);
    });

    it(`refuses an archive whose filestore file was altered${how}, dropping the loaded copy`, async () => {
      const altered = Buffer.from(good);
      const header = altered.indexOf('filestore/');
      altered[header + 512 + 10] = altered[header + 512 + 10]! ^ 0xff;
      await restoreBytes(altered, 'ARCHIVE_CHECKSUM_MISMATCH', byRange);
    });
  }

  it('refuses a truncated archive whose dump is read by range', async () => {
    await restoreBytes(good.subarray(0, good.length - 2048), 'ARCHIVE_CORRUPT', true);
  });

  it('restores the good archive by range (the checks above refuse only what is wrong)', async () => {
    const workDir = join(scratch.dir, 'work', 'good');
    const copy = await restoreToCopy({
      storage,
      key: 'good.tar',
      server,
      database: `${prefix}_good`,
      workDir,
      neutralize: false,
      ...catalogView(),
    });
    assert.equal(copy.extracted.filestore.files, manifest.paas!.filestore.files);
    await copy.discard();
  });

  it('refuses garbage', async () => {
    await restoreBytes(Buffer.from('this is not an archive at all'.repeat(40)), 'ARCHIVE_CORRUPT');
  });
});
