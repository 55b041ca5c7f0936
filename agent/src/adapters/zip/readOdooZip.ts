import { createWriteStream, mkdirSync } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { Transform } from 'node:stream';
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

/** How far a zip may expand: checked on its central directory, and again on the bytes actually written. */
export interface ExpansionLimits {
  /** The most bytes `dump.sql` and the filestore may hold once extracted. */
  maxExpandedBytes: number;
  /** The most the extracted bytes may be, as a multiple of the zip's own size. */
  maxExpansionRatio: number;
}

/** What the central directory says the zip holds, before a byte is extracted. */
export interface DeclaredContent {
  bytes: number;
  files: number;
  zipBytes: number;
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

/** The bytes a zip of `zipBytes` may expand to: the smaller of the size cap and the ratio cap. */
function expansionBudget(limits: ExpansionLimits, zipBytes: number): number {
  return Math.min(limits.maxExpandedBytes, limits.maxExpansionRatio * zipBytes);
}

function tooLarge(bytes: number, limits: ExpansionLimits, zipBytes: number, declared: boolean): AdapterError {
  return new AdapterError(
    'ZIP_TOO_LARGE',
    `the zip ${declared ? 'declares' : 'expands to more than'} ${bytes} bytes from ${zipBytes}: this agent ` +
      `takes at most ${limits.maxExpandedBytes} bytes (importMaxExpandedBytes) and ` +
      `${limits.maxExpansionRatio} times the zip's size (importMaxExpansionRatio)`,
  );
}

/**
 * Sums what the zip says it holds and refuses it when it expands past the limits (a zip bomb) or the disk
 * cannot take it.
 */
async function readDeclared(
  zip: ZipFile,
  zipBytes: number,
  stagingDir: string,
  limits: ExpansionLimits,
): Promise<DeclaredContent> {
  let bytes = 0;
  let files = 0;
  for await (const entry of zip.eachEntry()) {
    const role = classify(entry);
    if (role.kind === 'dump' || role.kind === 'filestore') {
      bytes += entry.uncompressedSize;
      files += 1;
    }
  }
  if (bytes > expansionBudget(limits, zipBytes)) throw tooLarge(bytes, limits, zipBytes, true);
  await assertSpaceFor(stagingDir, bytes, files);
  return { bytes, files, zipBytes };
}

/**
 * Counts the bytes every entry writes against the budget and fails the write past it: declared sizes can
 * lie, and this holds whatever yauzl's own per-entry check lets through.
 */
class ExpansionMeter {
  written = 0;

  constructor(private readonly fail: (bytes: number) => Error | undefined) {}

  stream(): Transform {
    return new Transform({
      transform: (chunk: Buffer, _encoding, done) => {
        this.written += chunk.length;
        done(this.fail(this.written), chunk);
      },
    });
  }
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
async function writeEntry(zip: ZipFile, entry: Entry, path: string, meter: ExpansionMeter): Promise<void> {
  // pipeline listens for `error` on every stream it is given and destroys them all on the first one.
  await pipeline(
    await zip.openReadStreamPromise(entry),
    meter.stream(),
    createWriteStream(path, { flags: 'wx', mode: 0o640 }),
  );
}

/** Opens the zip with an `error` listener for its whole life: yauzl emits errors on it outside any read. */
async function openListened(path: string, failures: unknown[]): Promise<ZipFile> {
  const zip = await open(path);
  zip.on('error', (error: unknown) => failures.push(error));
  return zip;
}

/**
 * Extracts an Odoo database-manager zip into a new staging directory: `dump.sql` as a file and the
 * filestore beneath `filestore/`. The whole central directory is checked (names, types, declared sizes
 * against `limits` and free space, then `checkDeclared`, the caller's own policy such as a quota) before
 * the first byte is written, and the bytes written are counted against `limits` as they come; any failure
 * removes the staging directory.
 */
export async function extractOdooZip(
  zipPath: string,
  stagingDir: string,
  limits: ExpansionLimits,
  options: {
    signal?: AbortSignal;
    onBytes?: (bytes: number) => void;
    checkDeclared?: (declared: DeclaredContent) => void;
  } = {},
): Promise<ExtractedZip> {
  await mkdir(stagingDir, { recursive: false, mode: 0o700 }).catch((error: unknown) => {
    throw fromFsError(error, 'STORAGE_UNAVAILABLE', `cannot create staging directory ${stagingDir}`);
  });
  const filestoreRoot = join(stagingDir, 'filestore');
  /** The caller's own refusal, passed on as it is. */
  let refusal: unknown;
  try {
    await mkdir(filestoreRoot, { mode: 0o750 });
    const zipBytes = (await stat(zipPath)).size;
    const failures: unknown[] = [];
    const checking = await openListened(zipPath, failures);
    let declared: DeclaredContent;
    try {
      declared = await readDeclared(checking, zipBytes, stagingDir, limits);
    } finally {
      checking.close();
    }
    try {
      options.checkDeclared?.(declared);
    } catch (error) {
      refusal = error;
      throw error;
    }
    const budget = expansionBudget(limits, zipBytes);
    const meter = new ExpansionMeter((bytes) =>
      bytes > budget ? tooLarge(bytes, limits, zipBytes, false) : undefined,
    );
    const zip = await openListened(zipPath, failures);
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
          await writeEntry(zip, entry, path, meter);
          dump = { path, size: entry.uncompressedSize };
        } else if (role.kind === 'filestore') {
          const path = resolve(filestoreRoot, role.relative);
          if (!path.startsWith(filestoreRoot + sep))
            throw new AdapterError('ARCHIVE_UNSAFE_ENTRY', `${role.relative} resolves outside the filestore`);
          mkdirSync(dirname(path), { recursive: true, mode: 0o750 });
          await writeEntry(zip, entry, path, meter);
          if (!isGcMarker(role.relative)) filestore.files += 1;
          filestore.bytes += entry.uncompressedSize;
        } else if (role.kind === 'manifest') {
          manifestText = await readSmallText(await zip.openReadStreamPromise(entry), MANIFEST_LIMIT);
        }
        options.onBytes?.(meter.written);
      }
    } finally {
      zip.close();
    }
    if (failures.length > 0) throw invalid(String(failures[0]), failures[0]);
    if (!dump) throw invalid('it has no dump.sql');
    return { manifest: parseManifest(manifestText), dump, filestore };
  } catch (error) {
    await rm(stagingDir, { recursive: true, force: true });
    if (error instanceof AdapterError || error === refusal) throw error;
    throw fromFsError(error, 'ZIP_INVALID', 'cannot extract the zip');
  }
}
