import { createHash } from 'node:crypto';
import { Readable, type Writable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import type { ReadEntry } from 'tar';
import { ZipFile } from 'yazl';
import { BackupManifestSchema, type BackupManifest } from '@paas/protocol';
import { AdapterError } from '../errors';
import {
  FILESTORE_PREFIX,
  FilestoreDigest,
  MANIFEST_LIMIT,
  PLAIN_DUMP_ENTRY,
  hashing,
  readSmallText,
  type EntryRole,
} from '../archive/layout';
import { parseArchive } from '../archive/parseArchive';
import { customDumpToPlain } from '../pgtools/pgLoad';

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
  // One stop for every way this can end early: the caller's signal, the client going away, a failed
  // entry. The first reason is the one reported.
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
  let manifest: BackupManifest | undefined;

  // Settles once yazl has taken the entry's bytes (the next entry waits for it, in archive order).
  const onEntry = async (entry: ReadEntry, role: EntryRole): Promise<void> => {
    const mtime = entry.mtime ?? new Date();
    if (role.kind === 'filestore') {
      const hash = createHash('sha256');
      const bytes = Readable.from(hashing(entry as AsyncIterable<Buffer>, hash));
      zip.addReadStream(bytes, `${FILESTORE_PREFIX}${role.relative}`, {
        mtime,
        size: entry.size ?? 0,
        compressionLevel: COMPRESSION_LEVEL,
      });
      await finished(bytes);
      digest.add(role.relative, entry.size ?? 0, hash.digest('hex'));
    } else if (role.kind === 'dump') {
      const converted = customDumpToPlain(hashing(entry as AsyncIterable<Buffer>, dumpHash), stop.signal);
      zip.addReadStream(converted.stdout, PLAIN_DUMP_ENTRY, { mtime, compressionLevel: COMPRESSION_LEVEL });
      await converted.done;
    } else if (role.kind === 'manifest') {
      const text = await readSmallText(entry as ReadEntry & AsyncIterable<Buffer>, MANIFEST_LIMIT);
      if (text === undefined) throw new AdapterError('ARCHIVE_CORRUPT', 'the manifest is too large');
      manifest = BackupManifestSchema.parse(JSON.parse(text));
    } else {
      entry.resume();
    }
  };

  try {
    await parseArchive(source, stop.signal, onEntry);
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
    await writing.catch(() => undefined);
    // The first cause, not the "canceled" the rest saw because of it.
    throw stop.signal.reason ?? error;
  } finally {
    signal.removeEventListener('abort', onCallerAbort);
  }
}
