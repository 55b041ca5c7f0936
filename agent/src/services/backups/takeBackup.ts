import { PassThrough } from 'node:stream';
import type { BackupManifest } from '@paas/protocol';
import { isAdapterError } from '../../adapters/errors';
import {
  writeBackupArchive,
  type BackupIdentity,
  type BackupProgress,
  type BackupSource,
} from '../../adapters/archive/writeBackup';
import type { BackupStorage } from '../../adapters/storage/storage';

/**
 * Streams a backup straight into a storage: the archive writer and the upload run together through one
 * pipe, so nothing is staged but the dump spool. When both sides fail, the root cause wins: a storage
 * that filled up or went away is reported as such rather than as "the archive stream was closed".
 */
export async function backupToStorage(
  source: BackupSource,
  identity: BackupIdentity,
  storage: BackupStorage,
  key: string,
  options: { signal?: AbortSignal; onProgress?: (progress: BackupProgress) => void } = {},
): Promise<{ manifest: BackupManifest; size: number }> {
  const pipe = new PassThrough({ highWaterMark: 1024 * 1024 });
  const writing = writeBackupArchive(source, identity, pipe, options);
  const storing = storage.put(key, pipe, options.signal);
  const [written, stored] = await Promise.allSettled([writing, storing]);
  if (written.status === 'fulfilled' && stored.status === 'fulfilled') {
    return { manifest: written.value, size: stored.value.size };
  }
  if (stored.status === 'fulfilled') {
    await storage.delete(key).catch(() => undefined);
  }
  const writerError = written.status === 'rejected' ? written.reason : undefined;
  const storageError = stored.status === 'rejected' ? stored.reason : undefined;
  const writerOnlyEchoesStorage =
    writerError === undefined ||
    (isAdapterError(writerError, 'STORAGE_UNAVAILABLE') && storageError !== undefined);
  throw writerOnlyEchoesStorage ? storageError : writerError;
}
