import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { PassThrough } from 'node:stream';
import { SCRIPTS_DIR, run } from '@paas/scripts/out/src/testkit/index.js';
import { writeBackupArchive } from '../../../src/adapters/archive/writeBackup';
import {
  adminServer,
  createDatabase,
  dropDatabases,
  identity,
  makeFilestore,
  removeDir,
  seedOdooDatabase,
  tempDir,
  uniqueName,
} from '../../helpers/backupFixtures';

const VERIFY = join(SCRIPTS_DIR, 'verify-backup.sh');

/** Runs scripts/verify-backup.sh: its exit code and everything it printed. */
function verify(archive: string): { code: number | null; output: string } {
  const result = spawnSync('bash', [VERIFY, archive], { encoding: 'utf8' });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('scripts/verify-backup.sh against an archive the agent wrote', function () {
  this.timeout(60_000);
  const server = adminServer();
  const database = uniqueName('bkvf');
  let dir: string;
  let archive: string;

  before(async () => {
    dir = await tempDir();
    await createDatabase(server, database);
    await seedOdooDatabase(server, database, 200);
    const filestore = join(dir, 'filestore');
    await makeFilestore(filestore, 12, 2000);
    // A file name with a space, and one of Odoo's empty checklist markers: both are hashed like any file.
    await mkdir(join(filestore, 'zz'), { recursive: true });
    await writeFile(join(filestore, 'zz', 'odd name'), 'odd');
    await mkdir(join(filestore, 'checklist', 'ab'), { recursive: true });
    await writeFile(join(filestore, 'checklist', 'ab', 'abcdef'), '');
    archive = join(dir, 'backup.tar');
    const out = new PassThrough();
    await Promise.all([
      writeBackupArchive(
        { server, database, filestoreDir: filestore, spoolDir: dir, odooVersion: '17.0' },
        identity(),
        out,
      ),
      pipeline(out, createWriteStream(archive)),
    ]);
  });

  after(async () => {
    await dropDatabases(server, [database]);
    await removeDir(dir);
  });

  it('passes an intact archive: database and filestore checksums recomputed with standard tools', async () => {
    const { code, output } = verify(archive);
    assert.equal(code, 0, output);
    assert.match(output, /database {2}dump\.pgdump {2}OK/);
    assert.match(output, /filestore OK/);
  });

  it('fails an archive that lost a filestore file', async () => {
    const damaged = join(dir, 'damaged.tar');
    await copyFile(archive, damaged);
    const { stdout } = await run('tar', ['-tf', damaged]);
    const victim = stdout
      .split('\n')
      .find((name) => name.startsWith('filestore/') && !name.includes('checklist'))!;
    await run('tar', ['--delete', '-f', damaged, victim]);
    const { code, output } = verify(damaged);
    assert.equal(code, 1, output);
    assert.match(output, /filestore MISMATCH/);
    assert.match(output, /database {2}dump\.pgdump {2}OK/);
  });
});
