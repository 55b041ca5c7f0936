import type { Readable } from 'node:stream';
import { Parser, type ReadEntry } from 'tar';
import { AdapterError, fromFsError } from '../errors';
import { roleOf, type EntryRole } from './layout';

/** Entry types that hold bytes; everything else but directories (links, devices, FIFOs) is refused. */
const FILE_TYPES = new Set(['File', 'OldFile', 'ContiguousFile']);

function corrupt(why: string, cause?: unknown): AdapterError {
  return new AdapterError('ARCHIVE_CORRUPT', `the archive is damaged: ${why}`, { cause });
}

/** What an entry is for, checked synchronously before any of its bytes is used. Throws `ARCHIVE_*`. */
function classify(entry: ReadEntry): EntryRole {
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

/**
 * Runs tar's parser over one of our archives, handing each checked entry to `onEntry` one at a time, in
 * archive order: the next entry waits until `onEntry` has settled for the previous one (the filestore
 * digest depends on the order), and the parser holds the source back meanwhile, so memory stays flat.
 * The first failure (an unsafe or unknown entry, a damaged archive, `onEntry`, the source, the signal)
 * destroys the source and rejects; every later one is ignored.
 */
export function parseArchive(
  source: Readable,
  signal: AbortSignal | undefined,
  onEntry: (entry: ReadEntry, role: EntryRole) => Promise<void>,
): Promise<void> {
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
        role = classify(entry);
      } catch (error) {
        entry.resume();
        return fail(error);
      }
      inFlight = inFlight
        .then(() => (failed ? void entry.resume() : onEntry(entry, role)))
        .catch((error: unknown) => {
          entry.resume();
          fail(
            error instanceof AdapterError
              ? error
              : fromFsError(error, 'ARCHIVE_CORRUPT', `cannot process ${entry.path}`),
          );
        });
    });
    parser.on('error', fail);
    parser.on('end', () => void inFlight.then(() => failed || resolvePromise()));
    source.on('error', (error) =>
      fail(error instanceof AdapterError ? error : corrupt('the archive could not be read', error)),
    );
    const aborted = (): void => fail(new AdapterError('ABORTED', 'the operation was canceled'));
    if (signal?.aborted) return aborted();
    signal?.addEventListener('abort', aborted, { once: true });
    source.pipe(parser as unknown as NodeJS.WritableStream);
  });
}
