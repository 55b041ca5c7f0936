import { join } from 'node:path';
import { AdapterError, throwIfAborted } from '../../adapters/errors';
import { extractBackupArchive, type ExtractedArchive } from '../../adapters/archive/readBackup';
import { receiveFile } from '../../adapters/archive/receiveFile';
import { removeTree } from '../../adapters/archive/staging';
import { createDatabase } from '../../adapters/pgtools/pgAdmin';
import { loadDump } from '../../adapters/pgtools/pgLoad';
import type { ByteRange } from '../../adapters/storage/storage';
import type { RestoreInput } from './restore';

/** What loading needs beyond the input: the staging directory, progress, and a mark once the database exists. */
interface LoadContext {
  staging: string;
  progress: (step: string, bytes: number) => void;
  created: () => void;
}

export function compareWithCatalog(extracted: ExtractedArchive, expected: RestoreInput['expected']): void {
  if (!expected) return;
  if (extracted.dump.sha256 !== expected.database || extracted.filestore.sha256 !== expected.filestore) {
    throw new AdapterError(
      'ARCHIVE_CHECKSUM_MISMATCH',
      'the archive does not match the checksums recorded in the catalog',
    );
  }
}

/** One pass: the archive is extracted and verified whole, then the database is created and loaded. */
export async function loadInSequence(input: RestoreInput, context: LoadContext): Promise<ExtractedArchive> {
  const source = await input.storage.get(input.key, input.signal);
  const extracted = await extractBackupArchive(source, context.staging, {
    signal: input.signal,
    onBytes: (bytes) => context.progress('reading archive', bytes),
  });
  compareWithCatalog(extracted, input.expected);
  throwIfAborted(input.signal);
  context.progress('restoring database', extracted.dump.size + extracted.filestore.bytes);
  await createDatabase(input.server, input.database, input.loader?.adminUser);
  context.created();
  await loadDump(input.loader ?? input.server, input.database, extracted.dump, { signal: input.signal });
  await removeTree(extracted.dump.path);
  return extracted;
}

/**
 * Two reads at once when the catalog knows where the dump lies in the archive: the dump's byte range is
 * copied out, checked against the catalog's checksum and loaded (`pg_restore -j`) while the whole archive
 * is read for the filestore, every entry checked against the manifest as in {@link loadInSequence}. The
 * new database exists before the filestore is verified, but nothing that exists is touched and any
 * failure drops it: the copy is switched in only after both reads succeeded.
 */
export async function loadInParallel(
  input: RestoreInput & { expected: NonNullable<RestoreInput['expected']> },
  dumpRange: ByteRange,
  context: LoadContext,
): Promise<ExtractedArchive> {
  const abort = new AbortController();
  const stop = (): void => abort.abort(input.signal?.reason);
  input.signal?.addEventListener('abort', stop);
  const dumpPath = join(input.workDir, 'dump.pgdump');
  const loading = (async () => {
    const source = await input.storage.get(input.key, abort.signal, dumpRange);
    const dump = await receiveFile(source, dumpPath, dumpRange.length, abort.signal);
    if (dump.sha256 !== input.expected.database)
      throw new AdapterError('ARCHIVE_CHECKSUM_MISMATCH', 'the database dump does not match the catalog');
    context.progress('restoring database', dump.sizeBytes);
    await createDatabase(input.server, input.database, input.loader?.adminUser);
    context.created();
    await loadDump(
      input.loader ?? input.server,
      input.database,
      { path: dumpPath, format: 'custom' },
      {
        signal: abort.signal,
      },
    );
  })();
  const extracting = (async () => {
    const source = await input.storage.get(input.key, abort.signal);
    return extractBackupArchive(source, context.staging, {
      signal: abort.signal,
      onBytes: (bytes) => context.progress('reading archive', bytes),
      dump: 'hash',
    });
  })();
  try {
    // The first failure stops the other read; its error, not the other's "canceled", is the one reported.
    const [loaded, extracted] = await Promise.allSettled([
      loading.catch((error: unknown) => {
        abort.abort(error);
        throw error;
      }),
      extracting.catch((error: unknown) => {
        abort.abort(error);
        throw error;
      }),
    ]);
    const failures = [loaded, extracted].filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    const cause = failures.find((f) => !(f.reason instanceof AdapterError && f.reason.code === 'ABORTED'));
    if (failures.length > 0) throw (cause ?? failures[0]!).reason;
    const archive = (extracted as PromiseFulfilledResult<ExtractedArchive>).value;
    compareWithCatalog(archive, input.expected);
    await removeTree(dumpPath);
    return { ...archive, dump: { ...archive.dump, path: dumpPath } };
  } finally {
    input.signal?.removeEventListener('abort', stop);
  }
}
