import { createHash } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadEntry } from 'tar';
import { BackupManifestSchema, type BackupManifest } from '@paas/protocol';
import { AdapterError, fromFsError } from '../errors';
import {
  FilestoreDigest,
  MANIFEST_LIMIT,
  hashing,
  readSmallText,
  type DumpFormat,
  type EntryRole,
} from './layout';
import { parseArchive } from './parseArchive';
import { newId } from '../../ids';

export interface ExtractedArchive {
  manifest: BackupManifest;
  dump: { path: string; format: DumpFormat; size: number; sha256: string };
  /** `files`: attachment files, `markers`: Odoo's checklist markers (both archived and hashed). */
  filestore: { dir: string; files: number; markers: number; bytes: number; sha256: string };
}

/** One pass over an archive: each entry, checked by `parseArchive`, is written under the staging directory. */
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

  async write(entry: ReadEntry, role: EntryRole): Promise<void> {
    if (role.kind === 'manifest') return this.readManifest(entry);
    if (role.kind === 'dump') return this.writeDump(entry, role.format);
    if (role.kind === 'filestore') return this.writeFilestoreFile(entry, role.relative);
    entry.resume();
  }

  private async readManifest(entry: ReadEntry): Promise<void> {
    if (this.manifestText !== undefined) throw corrupt('two manifests');
    if ((entry.size ?? 0) > MANIFEST_LIMIT) throw corrupt('the manifest is too large');
    this.manifestText = await readSmallText(entry as ReadEntry & AsyncIterable<Buffer>, MANIFEST_LIMIT);
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
    await parseArchive(source, options.signal, (entry, role) => extraction.write(entry, role));
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
  const { files, markers, bytes } = extraction.digest;
  return {
    manifest,
    dump: extraction.dump,
    filestore: {
      dir: join(stagingDir, 'filestore'),
      files,
      markers,
      bytes,
      sha256: extraction.digest.digest(),
    },
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
