import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BackupArchiveFormat } from '@paas/protocol';
import { writeOdooZip } from '../../adapters/zip/writeOdooZip';
import type { BackupRecord } from '../../store/backups';
import type { StorageService } from './storageService';

/** How a download is announced: its type, its name and, when known up front, its size. */
export interface ExportHead {
  contentType: string;
  fileName: string;
  sizeBytes: number | undefined;
}

/** Odoo's download name (odoo/addons/web/controllers/database.py `backup`): `<db>_<UTC %Y-%m-%d_%H-%M-%S>.<fmt>`. */
function fileNameOf(backup: BackupRecord, format: BackupArchiveFormat): string {
  const name = backup.appName.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'backup';
  const stamp = backup.createdAt.slice(0, 19).replace('T', '_').replaceAll(':', '-');
  return `${name}_${stamp}.${format}`;
}

function headOf(backup: BackupRecord, format: BackupArchiveFormat): ExportHead {
  return format === 'tar'
    ? {
        contentType: 'application/x-tar',
        fileName: fileNameOf(backup, 'tar'),
        sizeBytes: backup.sizeBytes ?? undefined,
      }
    : { contentType: 'application/zip', fileName: fileNameOf(backup, 'zip'), sizeBytes: undefined };
}

/** A download ready to stream: its archive is open in its storage. */
export interface OpenExport {
  head: ExportHead;
  /** Streams it into `out`: `tar` as stored, `zip` converted on the fly (see `writeOdooZip`). */
  writeTo(out: Writable): Promise<void>;
}

/**
 * Opens a restorable backup for download. The archive is opened before anything is answered, so a storage
 * that is unreachable or lost the object is reported with its own status rather than as a cut download.
 */
export async function openExport(
  storages: StorageService,
  backup: BackupRecord,
  format: BackupArchiveFormat,
  signal: AbortSignal,
): Promise<OpenExport> {
  const source = await storages.open(backup.storageId).get(backup.path, signal);
  return {
    head: headOf(backup, format),
    writeTo: (out) =>
      format === 'tar'
        ? pipeline(source, out, { signal })
        : writeOdooZip(source, out, backup.checksums!, signal),
  };
}
