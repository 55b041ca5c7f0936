import { createHash } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Parser, type ReadEntry } from 'tar';
import { BackupManifestSchema, type BackupManifest } from '@paas/protocol';
import { AdapterError, fromFsError } from '../errors';
import { FilestoreDigest, hashing, roleOf, type DumpFormat, type EntryRole } from './layout';
import { newId } from '../../ids';

/** A manifest larger than this is not ours or Odoo's: refused rather than buffered. */
const MANIFEST_LIMIT = 16 * 1024 * 1024;

/** Entry types that hold bytes; everything else but directories (links, devices, FIFOs) is refused. */
const FILE_TYPES = new Set(['File', 'OldFile', 'ContiguousFile']);

export interface ExtractedArchive {
  manifest: BackupManifest;
  dump: { path: string; format: DumpFormat; size: number; sha256: string };
  filestore: { dir: string; files: number; bytes: number; sha256: string };
}

/** One pass over an archive: each entry is checked, then written under the staging directory. */
class Extraction {
  readonly digest = new FilestoreDigest();
  dump: ExtractedArchive['dump'] | undefined;
  manifestText: string | undefined;
  private readonly filestoreRoot: string;
  private readonly madeDirs = new Set<string>();

  constructor(
    private readonly stagingDir: string,
    private readonly onBytes: (bytes: number) => void,
    /** `hash`: the dump is only hashed (the caller reads it apart, by its byte range). */
    private readonly dumpMode: 'file' | 'hash',
  ) {
    this.filestoreRoot = join(stagingDir, 'filestore');
  }

  /** Checks an entry synchronously, before any of its bytes is written. Throws `ARCHIVE_*`. */
  classify(entry: ReadEntry): EntryRole {
    const isDirectory = entry.type === 'Directory';
    if (!isDirectory && !FILE_TYPES.has(entry.type)) {
      throw new AdapterError(
        'ARCHIVE_UNSAFE_ENTRY',
        `archive entry ${JSON.stringify(entry.path)} is a ${entry.type}, not a file`,
      );
    }
    const role = roleOf(entry.path, isDirectory);
    if (role.kind === 'unknown') {
      throw new AdapterError(
        'ARCHIVE_UNKNOWN_ENTRY',
        `archive entry ${JSON.stringify(entry.path)} is not part of a backup`,
      );
    }
    return role;
  }

  async write(entry: ReadEntry, role: EntryRole): Promise<void> {
    if (role.kind === 'manifest') return this.readManifest(entry);
    if (role.kind === 'dump') return this.writeDump(entry, role.format);
    if (role.kind === 'filestore') return this.writeFilestoreFile(entry, role.relative);
    entry.resume();
  }

  private async readManifest(entry: ReadEntry): Promise<void> {
    if (this.manifestText !== undefined) throw corrupt('two manifests');
    if ((entry.size ?? 0) > MANIFEST_LIMIT) throw corrupt('the manifest is too large');
    const chunks: Buffer[] = [];
    for await (const chunk of entry as AsyncIterable<Buffer>) chunks.push(chunk);
    this.manifestText = Buffer.concat(chunks).toString('utf8');
  }

  private async writeDump(entry: ReadEntry, format: DumpFormat): Promise<void> {
    if (this.dump) throw corrupt('two database dumps');
    const path = join(
      this.stagingDir,
      format === 'custom' ? `dump-${newId(8)}.pgdump` : `dump-${newId(8)}.sql`,
    );
    const hash = createHash('sha256');
    if (this.dumpMode === 'hash') {
      for await (const chunk of entry as AsyncIterable<Buffer>) hash.update(chunk);
    } else {
      await pipeline(
        hashing(entry as AsyncIterable<Buffer>, hash),
        createWriteStream(path, { flags: 'wx', mode: 0o600 }),
      );
    }
    this.dump = { path, format, size: entry.size ?? 0, sha256: hash.digest('hex') };
    this.onBytes(this.digest.bytes + this.dump.size);
  }

  private async writeFilestoreFile(entry: ReadEntry, relative: string): Promise<void> {
    const path = resolve(this.filestoreRoot, relative);
    // roleOf refused `..` already; this is the second fence against anything resolving outside.
    if (!path.startsWith(this.filestoreRoot + sep))
      throw new AdapterError('ARCHIVE_UNSAFE_ENTRY', `${relative} resolves outside the filestore`);
    const parent = dirname(path);
    if (!this.madeDirs.has(parent)) {
      mkdirSync(parent, { recursive: true, mode: 0o750 });
      if (this.madeDirs.size < 100_000) this.madeDirs.add(parent);
    }
    const hash = createHash('sha256');
    // `wx`: a second entry for the same path is refused instead of overwriting the first.
    await pipeline(
      hashing(entry as AsyncIterable<Buffer>, hash),
      createWriteStream(path, { flags: 'wx', mode: 0o640 }),
    );
    this.digest.add(relative, entry.size ?? 0, hash.digest('hex'));
    this.onBytes(this.digest.bytes + (this.dump?.size ?? 0));
  }
}

function corrupt(why: string, cause?: unknown): AdapterError {
  return new AdapterError('ARCHIVE_CORRUPT', `the archive is damaged: ${why}`, { cause });
}

/** Runs the tar parser over `source`, handing each entry to the extraction one at a time. */
function parse(source: Readable, extraction: Extraction, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const parser = new Parser({ strict: true });
    let failed = false;
    let inFlight: Promise<void> = Promise.resolve();
    const fail = (error: unknown): void => {
      if (failed) return;
      failed = true;
      source.unpipe(parser as unknown as NodeJS.WritableStream);
      source.destroy();
      reject(
        error instanceof AdapterError
          ? error
          : corrupt(error instanceof Error ? error.message : String(error), error),
      );
    };
    parser.on('entry', (entry: ReadEntry) => {
      if (failed) return entry.resume();
      let role: EntryRole;
      try {
        role = extraction.classify(entry);
      } catch (error) {
        entry.resume();
        return fail(error);
      }
      // Chained so entries finish in archive order (the filestore digest depends on it); the parser
      // holds back the source meanwhile, so at most one entry's chunk waits in memory.
      inFlight = inFlight
        .then(() => (failed ? void entry.resume() : extraction.write(entry, role)))
        .catch((error: unknown) => {
          entry.resume();
          fail(
            error instanceof AdapterError
              ? error
              : fromFsError(error, 'ARCHIVE_CORRUPT', `cannot extract ${entry.path}`),
          );
        });
    });
    parser.on('error', fail);
    parser.on('end', () => void inFlight.then(() => failed || resolvePromise()));
    source.on('error', (error) =>
      fail(error instanceof AdapterError ? error : corrupt('the archive could not be read', error)),
    );
    signal?.addEventListener('abort', () => fail(new AdapterError('ABORTED', 'the operation was canceled')), {
      once: true,
    });
    source.pipe(parser as unknown as NodeJS.WritableStream);
  });
}

/**
 * Extracts an archive into a new staging directory: `filestore/` beneath it and the dump as a file.
 * Every entry is checked before anything is written for it (no absolute path, `..`, link, device or
 * unknown entry), then the parts' checksums are compared with the manifest. Any failure removes the
 * staging directory, so nothing is left behind. The caller compares with the catalog and loads the dump.
 */
export async function extractBackupArchive(
  source: Readable,
  stagingDir: string,
  options: {
    signal?: AbortSignal;
    onBytes?: (bytes: number) => void;
    /** `hash`: check the dump without writing it (its `path` is then not a file). Default `file`. */
    dump?: 'file' | 'hash';
  } = {},
): Promise<ExtractedArchive> {
  await mkdir(stagingDir, { recursive: false, mode: 0o700 }).catch((error: unknown) => {
    throw fromFsError(error, 'STORAGE_UNAVAILABLE', `cannot create staging directory ${stagingDir}`);
  });
  try {
    // Present even when the archive has no filestore file, so the restore can always swap it in.
    await mkdir(join(stagingDir, 'filestore'), { mode: 0o750 });
    const extraction = new Extraction(
      stagingDir,
      options.onBytes ?? (() => undefined),
      options.dump ?? 'file',
    );
    await parse(source, extraction, options.signal);
    const extracted = finish(extraction, stagingDir);
    verifyAgainstManifest(extracted);
    return extracted;
  } catch (error) {
    await rm(stagingDir, { recursive: true, force: true });
    throw error;
  }
}

function finish(extraction: Extraction, stagingDir: string): ExtractedArchive {
  if (extraction.manifestText === undefined) throw corrupt('it has no manifest.json (truncated?)');
  if (!extraction.dump) throw corrupt('it has no database dump');
  let manifest: BackupManifest;
  try {
    manifest = BackupManifestSchema.parse(JSON.parse(extraction.manifestText));
  } catch (error) {
    throw corrupt('manifest.json is not a valid manifest', error);
  }
  const { files, bytes } = extraction.digest;
  return {
    manifest,
    dump: extraction.dump,
    filestore: { dir: join(stagingDir, 'filestore'), files, bytes, sha256: extraction.digest.digest() },
  };
}

/** Compares the parts with the manifest's checksums; Odoo's own manifests carry none. */
export function verifyAgainstManifest(extracted: ExtractedArchive): void {
  const expected = extracted.manifest.paas;
  if (!expected) return;
  const problems: string[] = [];
  if (expected.database.sha256 !== extracted.dump.sha256 || expected.database.size !== extracted.dump.size) {
    problems.push('the database dump');
  }
  const fs = extracted.filestore;
  if (
    expected.filestore.sha256 !== fs.sha256 ||
    expected.filestore.files !== fs.files ||
    expected.filestore.bytes !== fs.bytes
  ) {
    problems.push(`the filestore (${fs.files} files, manifest says ${expected.filestore.files})`);
  }
  if (problems.length > 0) {
    throw new AdapterError('ARCHIVE_CHECKSUM_MISMATCH', `checksum mismatch in ${problems.join(' and ')}`);
  }
}
