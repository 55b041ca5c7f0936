import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { Client } from 'pg';
import { isAdapterError } from '../../../src/adapters/errors';
import { writeBackupArchive } from '../../../src/adapters/archive/writeBackup';
import { LocalStorage } from '../../../src/adapters/storage/local';
import { backupToStorage } from '../../../src/services/backups/takeBackup';
import { identity, makeFilestore, sql } from '../../helpers/backupFixtures';
import { useBackupScratch } from '../../helpers/backupScratch';

describe('backups: faults give a clear error and leave no partial file', function () {
  const scratch = useBackupScratch('bkflt', 100);
  const { server, source } = scratch;

  it('fails with PG_UNAVAILABLE when the database server drops the dump mid-way', async () => {
    const storage = new LocalStorage(join(scratch.dir, 'storage1'));
    // pg_dump waits on a lock we hold; then its session is terminated as a server shutdown would.
    const locker = new Client({
      host: server.host,
      port: server.port,
      user: server.adminUser,
      password: server.adminPassword,
      database: source,
    });
    await locker.connect();
    await locker.query('BEGIN; LOCK TABLE res_partner IN ACCESS EXCLUSIVE MODE');
    const out = new PassThrough();
    const backup = Promise.all([
      writeBackupArchive(
        { server, database: source, filestoreDir: undefined, spoolDir: scratch.dir },
        identity(),
        out,
      ),
      storage.put('p/a.tar', out),
    ]);
    const guard = backup.catch((error: unknown) => error);
    for (let i = 0; i < 100; i++) {
      const waiting = await sql(
        server,
        'postgres',
        "SELECT pid FROM pg_stat_activity WHERE application_name = 'pg_dump' OR (application_name = 'paas-agent-backups' AND wait_event_type = 'Lock')",
      );
      if (waiting.length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await sql(
      server,
      'postgres',
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name = 'paas-agent-backups' AND pid <> pg_backend_pid()",
      [source],
    );
    const error = await guard;
    await locker.query('ROLLBACK');
    await locker.end();
    assert.ok(
      isAdapterError(error, 'PG_UNAVAILABLE') || isAdapterError(error, 'PG_DUMP_FAILED'),
      String(error),
    );
    assert.deepEqual(
      readdirSync(join(scratch.dir, 'storage1'), { recursive: true }).filter(
        (f) => String(f).endsWith('.tar') || String(f).includes('partial'),
      ),
      [],
    );
    assert.deepEqual(
      readdirSync(scratch.dir).filter((f) => f.startsWith('dump-')),
      [],
      'the dump spool is removed',
    );
  });

  it('fails with STORAGE_FULL on a full disk and removes the partial archive', async function () {
    const small = join(scratch.dir, 'small');
    mkdirSync(small);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', small]);
    try {
      await makeFilestore(join(scratch.dir, 'bigfs'), 20, 40_000);
      const storage = new LocalStorage(small);
      const result = await backupToStorage(
        { server, database: source, filestoreDir: join(scratch.dir, 'bigfs'), spoolDir: scratch.dir },
        identity(),
        storage,
        'p/full.tar',
      ).catch((error: unknown) => error);
      assert.ok(isAdapterError(result, 'STORAGE_FULL'), String(result));
      assert.deepEqual(
        readdirSync(small, { recursive: true }).filter((f) => !String(f).endsWith('/') && String(f) !== 'p'),
        [],
      );
    } finally {
      execFileSync('umount', [small]);
    }
  });
});
