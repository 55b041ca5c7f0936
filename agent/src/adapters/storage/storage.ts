import type { Readable } from 'node:stream';

/** An object in a storage. Keys are relative, `/`-separated, and made by the agent (never by clients). */
export interface StoredObject {
  key: string;
  size: number;
  modifiedAt: Date;
}

/**
 * Where backup archives live: the agent's data directory, an SFTP storage box, ... Every failure is a
 * `AdapterError`: `STORAGE_UNAVAILABLE` (cannot connect, refused credentials, I/O error), `STORAGE_FULL`
 * (no space left) or `STORAGE_NOT_FOUND` (no such key).
 */
export interface BackupStorage {
  /**
   * Streams `source` into `key`. The object appears under its key only once complete: until then it is
   * written under a temporary name that is removed when anything fails (or the signal aborts), so a
   * listing never shows a partial archive. Resolves with the bytes written.
   */
  put(key: string, source: Readable, signal?: AbortSignal): Promise<{ size: number }>;
  /**
   * Streams an object's bytes, or only `range` of them. The stream errors with a `AdapterError` when the
   * transfer fails.
   */
  get(key: string, signal?: AbortSignal, range?: ByteRange): Promise<Readable>;
  /** The object's size and time, or `undefined` when it does not exist. */
  stat(key: string): Promise<StoredObject | undefined>;
  /** Removes an object; a missing one is not an error. */
  delete(key: string): Promise<void>;
  /** Every object whose key starts with `prefix` (a directory-like prefix ending in `/`, or ''). */
  list(prefix: string): Promise<StoredObject[]>;
  /** Checks the storage answers and is writable (connect, create and remove a probe). */
  check(): Promise<void>;
  /**
   * Checks the storage answers and its directory could take an archive, leaving it as it was: nothing is
   * created (a missing directory is judged by its nearest existing parent), a probe written is removed.
   */
  probe(): Promise<void>;
}

/** `length` bytes from `start`. */
export interface ByteRange {
  start: number;
  length: number;
}

/** `createReadStream`'s `start`/`end` (inclusive) for a range; empty for the whole object. */
export function readStreamBounds(range: ByteRange | undefined): { start?: number; end?: number } {
  return range ? { start: range.start, end: range.start + range.length - 1 } : {};
}

/** Refuses keys that could leave the storage root; keys are agent-made, this is the second fence. */
export function assertSafeKey(key: string): void {
  const bad =
    key.length === 0 ||
    key.length > 1024 ||
    key.startsWith('/') ||
    key.includes('\\') ||
    key.includes('\0') ||
    key.split('/').some((part) => part === '' || part === '.' || part === '..');
  if (bad) throw new Error(`invalid storage key ${JSON.stringify(key)}`);
}

/** The temporary name an object is written under until it is complete. */
export function partialKey(key: string, nonce: string): string {
  return `${key}.partial-${nonce}`;
}
