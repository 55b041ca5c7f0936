import { createWriteStream, mkdirSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { openPromise, type Entry, type ZipFile } from 'yauzl';
import { BackupManifestSchema, type BackupManifest } from '@paas/protocol';
import { AdapterError, fromFsError, throwIfAborted } from '../errors';
import { assertSpaceFor } from '../archive/diskSpace';
import { MANIFEST_LIMIT, isGcMarker, readSmallText, roleOf, type EntryRole } from '../archive/layout';

/** File types in the high 16 bits of a zip entry's external attributes (Unix `st_mode`). */
const S_IFMT = 0o170000;
const ALLOWED_TYPES = new Set([0, 0o100000, 0o040000]); // unset (non-Unix zippers), regular file, directory

export interface ExtractedZip {
  /** Odoo's manifest, when the zip has a readable one (Odoo's restore does not need it). */
  manifest: BackupManifest | undefined;
  dump: { path: string; size: number };
  filestore: { dir: string; files: number; bytes: number };
}

function invalid(why: string, cause?: unknown): AdapterError {
  return new AdapterError('ZIP_INVALID', `not a usable Odoo database zip: ${why}`, { cause });
}

async function open(path: string): Promise<ZipFile> {
  try {
    // strictFileNames: a backslash in a name is refused, not read as a separator; yauzl also refuses
    // absolute names and `..` itself, before our own check.
    return await openPromise(path, { lazyEntries: true, strictFileNames: true, validateEntrySizes: true });
  } catch (error) {
    throw invalid(error instanceof Error ? error.message : String(error), error);
  }
}

/**
 * What an entry is, checked before anything is written: a safe name (no absolute path, `..`, backslash
 * or NUL) and a plain file or directory (a link or device is refused, whatever its name). Odoo's restore
 * (odoo/service/db.py `restore_db`) extracts only `dump.sql` and `filestore/…` and ignores the rest; so
 * do we, once the name has passed.
 */
function classify(entry: Entry): EntryRole {
  const isDirectory = entry.fileName.endsWith('/');
  const type = (entry.externalFileAttributes >>> 16) & S_IFMT;
  if (!ALLOWED_TYPES.has(type)) {
    throw new AdapterError(
      'ARCHIVE_UNSAFE_ENTRY',
      `zip entry ${JSON.stringify(entry.fileName)} is not a plain file`,
    );
  }
  const role = roleOf(entry.fileName, isDirectory);
  if (role.kind === 'dump' && role.format !== 'plain') return { kind: 'unknown' };
  return role;
}

/** Sums what the zip says it holds and refuses it when the disk cannot take it (a zip bomb, or a full disk). */
async function checkSpace(zip: ZipFile, stagingDir: string): Promise<void> {
  let declared = 0;
  let files = 0;
  for await (const entry of zip.eachEntry()) {
    const role = classify(entry);
    if (role.kind === 'dump' || role.kind === 'filestore') {
      declared += entry.uncompressedSize;
      files += 1;
    }
  }
  await assertSpaceFor(stagingDir, declared, files);
}

function parseManifest(text: string | undefined): BackupManifest | undefined {
  if (text === undefined) return undefined;
  try {
    const parsed = BackupManifestSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Writes one entry's bytes to a new file (`wx`: a second entry for the same path is refused). */
async function writeEntry(zip: ZipFile, entry: Entry, path: string): Promise<void> {
  await pipeline(
    await zip.openReadStreamPromise(entry),
    createWriteStream(path, { flags: 'wx', mode: 0o640 }),
  );
}

/**
 * Extracts an Odoo database-manager zip into a new staging directory: `dump.sql` as a file and the
 * filestore beneath `filestore/`. The whole central directory is checked (names, types, declared sizes
 * against free space) before the first byte is written; any failure removes the staging directory.
 */
export async function extractOdooZip(
  zipPath: string,
  stagingDir: string,
  options: { signal?: AbortSignal; onBytes?: (bytes: number) => void } = {},
): Promise<ExtractedZip> {
  await mkdir(stagingDir, { recursive: false, mode: 0o700 }).catch((error: unknown) => {
    throw fromFsError(error, 'STORAGE_UNAVAILABLE', `cannot create staging directory ${stagingDir}`);
  });
  const filestoreRoot = join(stagingDir, 'filestore');
  try {
    await mkdir(filestoreRoot, { mode: 0o750 });
    const checking = await open(zipPath);
    try {
      await checkSpace(checking, stagingDir);
    } finally {
      checking.close();
    }
    const zip = await open(zipPath);
    const filestore = { dir: filestoreRoot, files: 0, bytes: 0 };
    let dump: ExtractedZip['dump'] | undefined;
    let manifestText: string | undefined;
    try {
      for await (const entry of zip.eachEntry()) {
        throwIfAborted(options.signal);
        const role = classify(entry);
        if (role.kind === 'dump') {
          if (dump) throw invalid('it has two dump.sql entries');
          const path = join(stagingDir, 'dump.sql');
          await writeEntry(zip, entry, path);
          dump = { path, size: entry.uncompressedSize };
        } else if (role.kind === 'filestore') {
          const path = resolve(filestoreRoot, role.relative);
          if (!path.startsWith(filestoreRoot + sep))
            throw new AdapterError('ARCHIVE_UNSAFE_ENTRY', `${role.relative} resolves outside the filestore`);
          mkdirSync(dirname(path), { recursive: true, mode: 0o750 });
          await writeEntry(zip, entry, path);
          if (!isGcMarker(role.relative)) filestore.files += 1;
          filestore.bytes += entry.uncompressedSize;
        } else if (role.kind === 'manifest') {
          manifestText = await readSmallText(await zip.openReadStreamPromise(entry), MANIFEST_LIMIT);
        }
        options.onBytes?.(filestore.bytes + (dump?.size ?? 0));
      }
    } finally {
      zip.close();
    }
    if (!dump) throw invalid('it has no dump.sql');
    return { manifest: parseManifest(manifestText), dump, filestore };
  } catch (error) {
    await rm(stagingDir, { recursive: true, force: true });
    if (error instanceof AdapterError) throw error;
    throw fromFsError(error, 'ZIP_INVALID', 'cannot extract the zip');
  }
}
