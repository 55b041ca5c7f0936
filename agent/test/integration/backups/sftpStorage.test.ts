import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { isAdapterError } from '../../../src/adapters/errors';
import { writeBackupArchive } from '../../../src/adapters/archive/writeBackup';
import { SftpStorage, probeHostKey } from '../../../src/adapters/storage/sftp';
import { restoreToCopy } from '../../../src/services/backups/restore';
import {
  adminServer,
  createDatabase,
  databasesLike,
  dropDatabases,
  fileHashes,
  makeFilestore,
  removeDir,
  seedOdooDatabase,
  tableContents,
  identity,
  tempDir,
  uniqueName,
} from '../../helpers/backupFixtures';
import { startSshd, type TestSshd } from '../../helpers/sshd';

describe('backups: SFTP storage against a real sshd', function () {
  const server = adminServer();
  const prefix = uniqueName('bksftp');
  let dir: string;
  let sshd: TestSshd;
  let storage: SftpStorage;

  before(async () => {
    dir = await tempDir();
    sshd = await startSshd(dir);
    storage = new SftpStorage(
      {
        host: '127.0.0.1',
        port: sshd.port,
        username: sshd.username,
        root: sshd.boxDir,
        hostKeySha256: sshd.hostKeySha256,
      },
      { privateKey: sshd.privateKey },
    );
  });

  after(async () => {
    await sshd.stop();
    await dropDatabases(server, await databasesLike(server, prefix));
    await removeDir(dir);
  });

  it('learns the host key on first contact and then writes, lists, reads and deletes objects', async () => {
    const learned = await probeHostKey(
      { host: '127.0.0.1', port: sshd.port, username: 'root', root: sshd.boxDir },
      { privateKey: sshd.privateKey },
    );
    assert.equal(learned, sshd.hostKeySha256);
    await storage.check();
    const { size } = await storage.put(
      'proj/prod/app/x.tar',
      Readable.from([Buffer.from('hello '), Buffer.from('box')]),
    );
    assert.equal(size, 9);
    assert.equal(readFileSync(join(sshd.boxDir, 'proj/prod/app/x.tar'), 'utf8'), 'hello box');
    assert.deepEqual(
      (await storage.list('proj/')).map((o) => [o.key, o.size]),
      [['proj/prod/app/x.tar', 9]],
    );
    assert.equal((await storage.stat('proj/prod/app/x.tar'))?.size, 9);
    assert.equal(await text(await storage.get('proj/prod/app/x.tar')), 'hello box');
    await storage.delete('proj/prod/app/x.tar');
    assert.equal(await storage.stat('proj/prod/app/x.tar'), undefined);
    await assert.rejects(storage.get('proj/prod/app/x.tar'), (e) => isAdapterError(e, 'STORAGE_NOT_FOUND'));
  });

  it('refuses a server whose host key is not the pinned one', async () => {
    const impostor = new SftpStorage(
      {
        host: '127.0.0.1',
        port: sshd.port,
        username: 'root',
        root: sshd.boxDir,
        hostKeySha256: 'SHA256:' + 'A'.repeat(43),
      },
      { privateKey: sshd.privateKey },
    );
    await assert.rejects(impostor.check(), (e) => isAdapterError(e, 'STORAGE_UNAVAILABLE'));
  });

  it('leaves no partial object when the upload fails midway', async () => {
    const failing = new PassThrough();
    failing.on('error', () => undefined);
    const upload = storage.put('proj/broken.tar', failing);
    failing.write(Buffer.alloc(100_000, 1));
    setTimeout(() => failing.destroy(new Error('source died')), 50);
    await assert.rejects(upload, (e) => isAdapterError(e, 'STORAGE_UNAVAILABLE'));
    const left = existsSync(join(sshd.boxDir, 'proj')) ? readdirSync(join(sshd.boxDir, 'proj')) : [];
    assert.deepEqual(
      left.filter((name) => name.startsWith('broken')),
      [],
    );
  });

  it('gives a clear error for an unreachable storage', async () => {
    const nowhere = new SftpStorage(
      { host: '127.0.0.1', port: 1, username: 'root', root: '/x', hostKeySha256: sshd.hostKeySha256 },
      { privateKey: sshd.privateKey },
    );
    await assert.rejects(
      nowhere.put('a.tar', Readable.from([Buffer.from('x')])),
      (e) => isAdapterError(e, 'STORAGE_UNAVAILABLE') && /cannot reach SFTP storage/.test(e.message),
    );
  });

  it('round-trips a backup through the storage box', async () => {
    const source = `${prefix}_src`;
    await createDatabase(server, source);
    await seedOdooDatabase(server, source, 500);
    await makeFilestore(join(dir, 'fs'), 20, 2000);
    const out = new PassThrough();
    const [manifest] = await Promise.all([
      writeBackupArchive(
        { server, database: source, filestoreDir: join(dir, 'fs'), spoolDir: dir },
        identity(),
        out,
      ),
      storage.put('proj/b.tar', out),
    ]);
    const copy = await restoreToCopy({
      storage,
      key: 'proj/b.tar',
      expected: { database: manifest.paas!.database.sha256, filestore: manifest.paas!.filestore.sha256 },
      server,
      database: `${prefix}_copy`,
      workDir: join(dir, 'work'),
      neutralize: false,
    });
    assert.deepEqual(await tableContents(server, copy.database), await tableContents(server, source));
    assert.deepEqual(await fileHashes(copy.filestoreDir), await fileHashes(join(dir, 'fs')));
    await copy.discard();
  });
});
