import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { BackupManifestSchema, type BackupManifest } from '@paas/protocol';
import { AdapterError, fromFsError } from '../errors';
import { runPgTool } from '../pgtools/pgProcess';
import { withDumpSnapshot, type DatabaseFacts } from '../pgtools/pgFacts';
import { pgToolEnv, type PgServer } from '../pgtools/pgServer';
import { writeFilestore, type FilestoreSummary } from './filestore';
import { CUSTOM_DUMP_ENTRY, MANIFEST_ENTRY, hashing } from './layout';
import { TarWriter } from './tarWriter';
import { newId } from '../../ids';

/** What is backed up: a database on a server and the app's filestore directory. */
export interface BackupSource {
  server: PgServer;
  database: string;
  /** The filestore directory (`<data_dir>/filestore/<db>`); missing means empty. */
  filestoreDir: string | undefined;
  /** Where the dump is spooled while the filestore streams (inside the agent's data directory). */
  spoolDir: string;
  /** `odoo.release.version` as the image reports it, or the app's series (else read from `base`'s version). */
  odooVersion?: string;
  /**
   * An imported zip's own manifest: its values that describe where the database came from (Odoo release,
   * series, PostgreSQL version) are kept rather than replaced by this server's.
   */
  origin?: Pick<BackupManifest, 'version' | 'version_info' | 'major_version' | 'pg_version'>;
  /** The database name the manifest records, when it is not `database` (an import's sandbox). */
  dbName?: string;
}

/** Our fields of the manifest, known before the backup starts. */
export type BackupIdentity = Omit<NonNullable<BackupManifest['paas']>, 'format' | 'database' | 'filestore'>;

export interface BackupProgress {
  step: 'dumping' | 'archiving';
  bytes: number;
}

/** `pg_dump`'s custom-format compression level: 1 is the fastest zlib level, a few percent larger than 6. */
const DUMP_COMPRESSION = '1';

/**
 * Writes one backup archive to `out`: `filestore/…` entries, then `dump.pgdump`, then `manifest.json`.
 * `pg_dump -Fc` runs in parallel with the filestore, spooling to a file (it needs a seekable output for
 * `pg_restore -j` to work later, and a tar entry needs its size up front); the spool is then appended.
 * The manifest comes last because it carries the checksums of everything before it. Memory stays flat:
 * every byte passes through once with backpressure from `out`. Ends `out` on success; on failure `out`
 * is destroyed with the error and the spool removed.
 */
export async function writeBackupArchive(
  source: BackupSource,
  identity: BackupIdentity,
  out: Writable,
  options: { signal?: AbortSignal; onProgress?: (progress: BackupProgress) => void } = {},
): Promise<BackupManifest> {
  const spool = join(source.spoolDir, `dump-${newId(10)}.pgdump`);
  const abort = new AbortController();
  const stop = (): void => abort.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', stop);
  try {
    await mkdir(source.spoolDir, { recursive: true, mode: 0o700 });
    const manifest = await withDumpSnapshot(source.server, source.database, async (snapshot, facts) => {
      const dump = runPgTool(
        'pg_dump',
        ['-Fc', '-Z', DUMP_COMPRESSION, `--snapshot=${snapshot}`, '-f', spool],
        {
          env: pgToolEnv(source.server, source.database),
          failure: 'PG_DUMP_FAILED',
          signal: abort.signal,
        },
      );
      // A dump that fails (the server went away) stops the filestore at once, and its error is the one
      // reported; a filestore or storage failure stops the dump.
      let dumpFailure: unknown;
      const dumped = dump.done.then(
        () => undefined,
        (error: unknown) => {
          dumpFailure ??= error;
          abort.abort(error);
          return error instanceof Error ? error : new Error(String(error));
        },
      );
      const tar = new TarWriter(out, abort.signal);
      let filestore: FilestoreSummary;
      try {
        filestore = await writeFilestore(tar, source.filestoreDir, abort.signal, (bytes) =>
          options.onProgress?.({ step: 'archiving', bytes }),
        );
      } catch (error) {
        const cause = dumpFailure ?? error;
        abort.abort(cause);
        await dumped;
        throw cause;
      }
      options.onProgress?.({ step: 'dumping', bytes: filestore.bytes });
      const dumpError = await dumped;
      if (dumpError) throw dumpError;
      const database = await appendDump(tar, spool, facts);
      const manifest = buildManifest(source, identity, facts, database, filestore);
      await tar.addBuffer(MANIFEST_ENTRY, Buffer.from(JSON.stringify(manifest, null, 4)), new Date());
      await tar.finish();
      return manifest;
    });
    out.end();
    return manifest;
  } catch (error) {
    const failure = fromFsError(error, 'PG_DUMP_FAILED', 'backup failed');
    out.destroy(failure);
    throw failure;
  } finally {
    options.signal?.removeEventListener('abort', stop);
    await rm(spool, { force: true });
  }
}

async function appendDump(
  tar: TarWriter,
  spool: string,
  facts: DatabaseFacts,
): Promise<NonNullable<BackupManifest['paas']>['database']> {
  const info = await stat(spool);
  const hash = createHash('sha256');
  const changed = (): AdapterError =>
    new AdapterError('PG_DUMP_FAILED', 'the dump spool changed while archived');
  const { dataOffset } = await tar.addFile(
    CUSTOM_DUMP_ENTRY,
    info.size,
    info.mtime,
    hashing(createReadStream(spool, { highWaterMark: 1 << 20 }), hash),
    changed,
  );
  return {
    entry: CUSTOM_DUMP_ENTRY,
    size: info.size,
    sha256: hash.digest('hex'),
    tables: facts.tables,
    offset: dataOffset,
  };
}

/**
 * Odoo's release version (`odoo.release.version`): as the image reports it (`17.0-20240709`), else the
 * app's series, else the series of the `base` module's installed version (`17.0.1.3`).
 */
function odooVersionOf(source: BackupSource, facts: DatabaseFacts): string {
  if (source.odooVersion) return source.odooVersion;
  return seriesOf(facts.modules.base ?? '') ?? 'unknown';
}

/** The series of a release or module version (`odoo.release.serie`): `17.0`, `saas~17.2`. */
function seriesOf(version: string): string | undefined {
  return /^((?:saas~)?\d+\.\d+)/.exec(version)?.[1];
}

/** The origin's values that are set, so an absent one falls back to ours. */
function originOf(origin: BackupSource['origin']): Partial<NonNullable<BackupSource['origin']>> {
  if (!origin) return {};
  const { version, version_info, major_version, pg_version } = origin;
  return Object.fromEntries(
    Object.entries({ version, version_info, major_version, pg_version }).filter(([, v]) => v !== undefined),
  );
}

function buildManifest(
  source: BackupSource,
  identity: BackupIdentity,
  facts: DatabaseFacts,
  database: NonNullable<BackupManifest['paas']>['database'],
  filestore: FilestoreSummary,
): BackupManifest {
  const version = odooVersionOf(source, facts);
  const series = seriesOf(version) ?? version;
  const [major, minor] = series
    .replace('saas~', '')
    .split('.')
    .map((part) => (Number.isFinite(Number(part)) ? Number(part) : 0));
  const n = facts.serverVersionNum;
  // Parsed through the schema the restore reads it with: an archive is never written with a manifest
  // its own restore would refuse.
  return BackupManifestSchema.parse({
    odoo_dump: '1',
    db_name: source.dbName ?? source.database,
    version,
    version_info: [major ?? 0, minor ?? 0, 0, 'final', 0, ''],
    major_version: series,
    // Odoo's dump_db_manifest formats divmod(server_version / 100, 100) with %d.%d: "15.0" for 15.x.
    pg_version: `${Math.floor(n / 10000)}.${Math.floor((n / 100) % 100)}`,
    ...originOf(source.origin),
    modules: facts.modules,
    paas: { format: 1, ...identity, database, filestore },
  });
}
