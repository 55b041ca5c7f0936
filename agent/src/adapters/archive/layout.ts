import { createHash, type Hash } from 'node:crypto';
import { AdapterError } from '../errors';

/**
 * The entries of a backup archive. Our tar and Odoo's database-manager zip share the names Odoo uses
 * (odoo/service/db.py `dump_db`: `dump.sql`, `filestore/`, `manifest.json`); our own archives carry the
 * dump in PostgreSQL's custom format as `dump.pgdump` instead of plain SQL, so `pg_restore` can load it
 * with parallel jobs.
 */
export const MANIFEST_ENTRY = 'manifest.json';
export const CUSTOM_DUMP_ENTRY = 'dump.pgdump';
export const PLAIN_DUMP_ENTRY = 'dump.sql';
export const FILESTORE_PREFIX = 'filestore/';

/** A manifest larger than this is not ours or Odoo's: refused rather than buffered. */
export const MANIFEST_LIMIT = 16 * 1024 * 1024;

export type DumpFormat = 'custom' | 'plain';

export type EntryRole =
  | { kind: 'manifest' }
  | { kind: 'dump'; format: DumpFormat }
  | { kind: 'filestore'; relative: string }
  /** A directory entry (Odoo's zips have them); nothing to write. */
  | { kind: 'directory' }
  | { kind: 'unknown' };

/**
 * Checks an entry name before anything is written for it: no absolute path, no drive letter, no
 * backslash, no NUL, no `..`, `.` or empty segment. Throws `ARCHIVE_UNSAFE_ENTRY` naming the entry.
 */
export function assertSafeEntryName(name: string): string[] {
  const unsafe = (why: string): AdapterError =>
    new AdapterError('ARCHIVE_UNSAFE_ENTRY', `archive entry ${JSON.stringify(name.slice(0, 200))} ${why}`);
  if (name.length === 0 || name.length > 4096) throw unsafe('has no usable name');
  if (name.includes('\0') || name.includes('\\')) throw unsafe('contains NUL or a backslash');
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) throw unsafe('is an absolute path');
  const segments = name.replace(/\/$/, '').split('/');
  for (const segment of segments) {
    if (segment === '..') throw unsafe('climbs out of the target with ".."');
    if (segment === '' || segment === '.') throw unsafe('has an empty or "." path segment');
  }
  return segments;
}

/** What an entry is for, after {@link assertSafeEntryName}. Directories end with `/`. */
export function roleOf(name: string, isDirectory: boolean): EntryRole {
  const segments = assertSafeEntryName(name);
  if (isDirectory) return { kind: 'directory' };
  if (segments.length === 1) {
    if (name === MANIFEST_ENTRY) return { kind: 'manifest' };
    if (name === CUSTOM_DUMP_ENTRY) return { kind: 'dump', format: 'custom' };
    if (name === PLAIN_DUMP_ENTRY) return { kind: 'dump', format: 'plain' };
  }
  if (segments[0] === 'filestore' && segments.length > 1) {
    return { kind: 'filestore', relative: segments.slice(1).join('/') };
  }
  return { kind: 'unknown' };
}

/**
 * Whether a filestore path is one of the empty files Odoo leaves under `checklist/` for its filestore
 * garbage collection (odoo/addons/base/models/ir_attachment.py `_mark_for_gc`, `_gc_file_store_unsafe`):
 * a marker, not an attachment.
 */
export function isGcMarker(relative: string): boolean {
  return relative.startsWith('checklist/');
}

/**
 * The filestore's checksum: SHA-256 over one `path \t size \t sha256 \n` line per file, in archive
 * order. Constant memory whatever the file count, and it changes when any file's name, size or bytes do.
 */
export class FilestoreDigest {
  private readonly hash = createHash('sha256');
  /** Attachment files: every file but Odoo's garbage-collection markers. */
  files = 0;
  /** Odoo's `checklist/` markers: archived and hashed like any file, but no attachment. */
  markers = 0;
  bytes = 0;

  add(relative: string, size: number, sha256: string): void {
    this.hash.update(`${relative}\t${size}\t${sha256}\n`);
    if (isGcMarker(relative)) this.markers += 1;
    else this.files += 1;
    this.bytes += size;
  }

  /** The hex digest; call once, at the end. */
  digest(): string {
    return this.hash.digest('hex');
  }
}

/** An async iterable that hashes what passes through it. */
export async function* hashing(source: AsyncIterable<Buffer>, hash: Hash): AsyncGenerator<Buffer> {
  for await (const chunk of source) {
    hash.update(chunk);
    yield chunk;
  }
}

/** Reads a small entry (a manifest) as UTF-8 text; `undefined`, with the stream destroyed, past `limit` bytes. */
export async function readSmallText(
  source: AsyncIterable<Buffer> & { destroy(): void },
  limit: number,
): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of source) {
    size += chunk.length;
    if (size > limit) {
      source.destroy();
      return undefined;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
