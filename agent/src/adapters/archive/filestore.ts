import { constants, type Dirent } from 'node:fs';
import { lstat, open, opendir } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { createHash } from 'node:crypto';
import { AdapterError, fromFsError, throwIfAborted } from '../errors';
import { FILESTORE_PREFIX, FilestoreDigest, hashing } from './layout';
import type { TarWriter } from './tarWriter';

/** A file found under a filestore, relative path with `/` separators. */
interface FoundFile {
  relative: string;
  absolute: string;
}

/**
 * Walks a directory depth-first with `opendir`, so memory holds one directory handle per level rather
 * than the whole tree (filestores reach millions of files). Only regular files are yielded: a link or
 * device in a filestore is not Odoo's and is never followed.
 */
async function* walk(root: string, relative = ''): AsyncGenerator<FoundFile> {
  const dir = await opendir(relative === '' ? root : join(root, relative));
  for await (const entry of dir as AsyncIterable<Dirent>) {
    const childRelative = relative === '' ? entry.name : `${relative}/${entry.name}`;
    if (entry.isDirectory()) yield* walk(root, childRelative);
    else if (entry.isFile()) yield { relative: childRelative, absolute: join(root, childRelative) };
  }
}

async function exists(dir: string): Promise<boolean> {
  try {
    await (await opendir(dir)).close();
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw fromFsError(error, 'FILESTORE_CHANGED', `cannot read filestore ${dir}`);
  }
}

/**
 * How many of `relatives` (paths a database's attachments name) are not a regular file under `root`. A
 * path that would leave `root` counts as missing: it names nothing a filestore can hold.
 */
export async function countMissingFiles(root: string, relatives: readonly string[]): Promise<number> {
  let missing = 0;
  for (const relative of relatives) {
    const path = resolve(root, relative);
    const inside = path.startsWith(root + sep);
    const isFile =
      inside &&
      (await lstat(path).then(
        (s) => s.isFile(),
        () => false,
      ));
    if (!isFile) missing += 1;
  }
  return missing;
}

export interface FilestoreSummary {
  files: number;
  bytes: number;
  /** {@link FilestoreDigest} of the files as archived. */
  sha256: string;
}

/**
 * Writes every file of `root` as `filestore/<relative>` entries. A missing filestore is an empty one (an
 * app that never stored an attachment). A file removed while the walk runs is skipped, as Odoo's own
 * garbage collection may do; a file whose size changes while it is read fails the backup.
 */
export async function writeFilestore(
  tar: TarWriter,
  root: string | undefined,
  signal: AbortSignal | undefined,
  onBytes: (bytes: number) => void,
): Promise<FilestoreSummary> {
  const digest = new FilestoreDigest();
  if (root !== undefined && (await exists(root))) {
    for await (const file of walk(root)) {
      throwIfAborted(signal);
      await writeOne(tar, file, digest);
      onBytes(digest.bytes);
    }
  }
  return { files: digest.files, bytes: digest.bytes, sha256: digest.digest() };
}

async function writeOne(tar: TarWriter, file: FoundFile, digest: FilestoreDigest): Promise<void> {
  let handle;
  try {
    // O_NOFOLLOW: a file swapped for a link between the walk and the open is refused, not followed.
    handle = await open(file.absolute, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw fromFsError(error, 'FILESTORE_CHANGED', `cannot open ${file.relative}`);
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return;
    const hash = createHash('sha256');
    const changed = (actual: number): AdapterError =>
      new AdapterError(
        'FILESTORE_CHANGED',
        `${file.relative} changed size while archived (${info.size} → ${actual} bytes)`,
      );
    const source = handle.createReadStream({ highWaterMark: 1024 * 1024, autoClose: false });
    await tar.addFile(
      `${FILESTORE_PREFIX}${file.relative}`,
      info.size,
      info.mtime,
      hashing(source, hash),
      changed,
    );
    digest.add(file.relative, info.size, hash.digest('hex'));
  } finally {
    await handle.close();
  }
}
