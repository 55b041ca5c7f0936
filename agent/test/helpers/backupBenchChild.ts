/**
 * Runs one backup or one restore with the real engine in its own process, for `npm run bench`
 * (scripts/src/bench/backups.ts): the parent times it and reads this process's peak RSS, so the
 * number is the engine's memory and nothing else's. Usage:
 *   node backupBenchChild.js backup  <database> <filestoreDir> <storageDir> <key> <spoolDir>
 *   node backupBenchChild.js restore <storageDir> <key> <newDatabase> <workDir>
 * Prints one JSON line: `{ "ms": ..., "maxRssBytes": ..., "bytes": ... }`. The backup leaves its
 * manifest beside the archive (`<key>.manifest.json`), as the catalog keeps it, and the restore reads it
 * for the checksums and the dump's byte range, as a restore from the catalog does.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BackupManifest } from '@paas/protocol';
import { LocalStorage } from '../../src/adapters/storage/local';
import { backupToStorage } from '../../src/services/backups/takeBackup';
import { restoreToCopy } from '../../src/services/backups/restore';
import { adminServer, identity } from './backupFixtures';

async function main(): Promise<void> {
  const [mode, ...args] = process.argv.slice(2);
  const server = adminServer();
  const started = process.hrtime.bigint();
  let bytes = 0;
  if (mode === 'backup') {
    const [database, filestoreDir, storageDir, key, spoolDir] = args as [
      string,
      string,
      string,
      string,
      string,
    ];
    const { size, manifest } = await backupToStorage(
      { server, database, filestoreDir, spoolDir },
      identity(),
      new LocalStorage(storageDir),
      key,
    );
    bytes = size;
    writeFileSync(join(storageDir, `${key}.manifest.json`), JSON.stringify(manifest));
  } else if (mode === 'restore') {
    const [storageDir, key, database, workDir] = args as [string, string, string, string];
    const manifest = JSON.parse(
      readFileSync(join(storageDir, `${key}.manifest.json`), 'utf8'),
    ) as BackupManifest;
    const { database: dump, filestore } = manifest.paas!;
    const copy = await restoreToCopy({
      storage: new LocalStorage(storageDir),
      key,
      expected: { database: dump.sha256, filestore: filestore.sha256 },
      dumpRange: { start: dump.offset!, length: dump.size },
      server,
      database,
      workDir,
      neutralize: false,
    });
    bytes = copy.extracted.dump.size + copy.extracted.filestore.bytes;
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  process.stdout.write(
    `${JSON.stringify({ ms, bytes, maxRssBytes: process.resourceUsage().maxRSS * 1024 })}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
