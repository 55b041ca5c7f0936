import { createHash } from 'node:crypto';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Parser, type ReadEntry } from 'tar';
import { ZipFile } from 'yazl';
import { BackupManifestSchema, type BackupManifest } from '@paas/protocol';
import { AdapterError } from '../errors';
import { FilestoreDigest, PLAIN_DUMP_ENTRY, hashing, roleOf } from '../archive/layout';
import { runPgTool } from '../pgtools/pgProcess';

/**
 * Odoo's `osutil.zip_dir` deflates every entry (at zlib's default level 6). Level 1 is several times
 * faster and only slightly larger, and most of a filestore (images, PDFs) does not compress anyway.
 */
const COMPRESSION_LEVEL = 1;

/** The checksums the catalog recorded for the archive's parts. */
export interface ExpectedChecksums {
  database: string;
  filestore: string;
}

/**
 * The manifest as Odoo writes it (odoo/service/db.py `dump_db_manifest`): our `paas` part describes the
 * tar (its custom-format dump and checksums), not this zip, so it stays out.
 */
function odooManifest(manifest: BackupManifest): Buffer {
  const { paas: _ours, ...odoo } = manifest;
  return Buffer.from(JSON.stringify(odoo, null, 4));
}

/** `pg_restore -f -` reading the custom-format dump from a pipe: plain SQL, as Odoo's zips carry. */
function plainSqlOf(dump: AsyncIterable<Buffer>, signal: AbortSignal) {
  const run = runPgTool('pg_restore', ['--no-owner', '--no-acl', '-f', '-'], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
    failure: 'PG_RESTORE_FAILED',
    signal,
    stdout: 'pipe',
    stdin: 'pipe',
  });
  const feeding = pipeline(Readable.from(dump), run.stdin!);
  return { sql: run.stdout!, done: Promise.all([run.done, feeding]) };
}

/**
 * Streams one of our backup archives (tar) out as Odoo's database-manager zip: `filestore/…` entries as
 * they come, `dump.sql` converted from the custom-format dump on the fly, then `manifest.json`. Nothing is
 * staged on disk. Every part is hashed on the way and compared with the catalog before the zip's central
 * directory is written: an archive altered in storage never yields a complete zip, the output is
 * destroyed instead. Resolves once `out` has received the whole zip.
 */
export async function writeOdooZip(
  source: Readable,
  out: Writable,
  expected: ExpectedChecksums,
  signal: AbortSignal,
): Promise<void> {
  // One stop for every way this can end early: the caller's signal, the client going away, the dump's
  // conversion failing. Each rejection is handled where it arises, so none is ever left unhandled.
  const stop = new AbortController();
  const halt = (reason: unknown): void => {
    if (!stop.signal.aborted) stop.abort(reason);
  };
  const onCallerAbort = (): void => halt(new AdapterError('ABORTED', 'the download was canceled'));
  signal.addEventListener('abort', onCallerAbort, { once: true });
  const zip = new ZipFile();
  const writing = pipeline(zip.outputStream as Readable, out, { signal: stop.signal });
  writing.catch(halt);
  const digest = new FilestoreDigest();
  const dumpHash = createHash('sha256');
  const pending: Promise<unknown>[] = [];
  let manifest: BackupManifest | undefined;

  const onEntry = (entry: ReadEntry, role: ReturnType<typeof roleOf>): Promise<unknown> | undefined => {
    const mtime = entry.mtime ?? new Date();
    if (role.kind === 'filestore') {
      const hash = createHash('sha256');
      const bytes = Readable.from(hashing(entry as AsyncIterable<Buffer>, hash));
      bytes.once('end', () => digest.add(role.relative, entry.size ?? 0, hash.digest('hex')));
      zip.addReadStream(bytes, `filestore/${role.relative}`, {
        mtime,
        size: entry.size ?? 0,
        compressionLevel: COMPRESSION_LEVEL,
      });
      return undefined;
    }
    if (role.kind === 'dump') {
      const converted = plainSqlOf(hashing(entry as AsyncIterable<Buffer>, dumpHash), stop.signal);
      zip.addReadStream(converted.sql, PLAIN_DUMP_ENTRY, { mtime, compressionLevel: COMPRESSION_LEVEL });
      return converted.done;
    }
    if (role.kind === 'manifest') {
      return readAll(entry).then((text) => {
        manifest = BackupManifestSchema.parse(JSON.parse(text));
      });
    }
    entry.resume();
    return undefined;
  };

  try {
    await parseTar(source, stop.signal, (entry, role) => {
      const work = onEntry(entry, role);
      // Settles either way; a failure stops everything and is rethrown below as the cause.
      if (work) pending.push(work.then(() => undefined, halt));
    });
    await Promise.all(pending);
    if (stop.signal.aborted) throw stop.signal.reason;
    if (!manifest) throw new AdapterError('ARCHIVE_CORRUPT', 'the archive has no manifest.json');
    if (dumpHash.digest('hex') !== expected.database || digest.digest() !== expected.filestore) {
      throw new AdapterError(
        'ARCHIVE_CHECKSUM_MISMATCH',
        'the stored archive does not match the checksums recorded in the catalog',
      );
    }
    zip.addBuffer(odooManifest(manifest), 'manifest.json', { compressionLevel: COMPRESSION_LEVEL });
    zip.end();
    await writing;
  } catch (error) {
    halt(error);
    (zip.outputStream as Readable).destroy();
    out.destroy(error instanceof Error ? error : new Error(String(error)));
    await Promise.all([writing.catch(() => undefined), ...pending]);
    // The first cause, not the "canceled" the others saw because of it.
    throw stop.signal.reason ?? error;
  } finally {
    signal.removeEventListener('abort', onCallerAbort);
  }
}

async function readAll(entry: ReadEntry): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of entry as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** Runs tar's parser over `source`, handing each checked entry to `onEntry` in archive order. */
function parseTar(
  source: Readable,
  signal: AbortSignal,
  onEntry: (entry: ReadEntry, role: ReturnType<typeof roleOf>) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const parser = new Parser({ strict: true });
    const fail = (error: unknown): void => {
      source.destroy();
      reject(
        error instanceof AdapterError
          ? error
          : new AdapterError('ARCHIVE_CORRUPT', String(error), { cause: error }),
      );
    };
    parser.on('entry', (entry: ReadEntry) => {
      try {
        if (entry.type !== 'File' && entry.type !== 'OldFile' && entry.type !== 'Directory')
          throw new AdapterError('ARCHIVE_UNSAFE_ENTRY', `archive entry ${entry.path} is a ${entry.type}`);
        onEntry(entry, roleOf(entry.path, entry.type === 'Directory'));
      } catch (error) {
        entry.resume();
        fail(error);
      }
    });
    parser.on('error', fail);
    parser.on('end', () => resolve());
    source.on('error', fail);
    if (signal.aborted) return fail(signal.reason);
    signal.addEventListener('abort', () => fail(signal.reason), { once: true });
    source.pipe(parser as unknown as NodeJS.WritableStream);
  });
}
