import { join } from 'node:path';
import { extractOdooZip } from '../../adapters/zip/readOdooZip';
import { freshWorkDir, removeTree } from '../../adapters/archive/staging';
import { loadUntrustedSql, withSandboxDatabase } from '../../adapters/pgtools/pgSandbox';
import type { BackupRecord } from '../../store/backups';
import type { BackupService } from './backupService';
import type { OperationHandle } from './operations';
import type { UploadService } from './uploadService';

/**
 * Imports an Odoo database-manager zip as an `imported` backup of the app it was uploaded for. The zip
 * is untrusted: its entries are checked before anything is written (readOdooZip.ts), its SQL runs in a
 * sandbox as a role without privileges and with psql's meta-commands locked (pgSandbox.ts), and only a
 * dump our own pg_dump makes of that sandbox reaches storage. An import is therefore a backup proven to
 * restore, and restoring it is an ordinary restore (checksums, switch on success, neutralization).
 */
export class ImportService {
  constructor(
    private readonly backups: BackupService,
    readonly uploads: UploadService,
  ) {}

  async importNow(uploadId: string, handle: OperationHandle): Promise<BackupRecord> {
    const upload = this.uploads.get(uploadId);
    const target = this.backups.deps.apps.target(upload.appId);
    const name = this.backups.sandboxName('import');
    const workDir = this.backups.workDir(name);
    await freshWorkDir(workDir);
    try {
      handle.step('checking the zip');
      const zip = await extractOdooZip(this.uploads.pathOf(upload.id), join(workDir, 'staging'), {
        signal: handle.signal,
      });
      handle.step(`loading dump.sql (${zip.dump.size} bytes) as an unprivileged role`);
      const record = await withSandboxDatabase(target.server, name, async (sandbox) => {
        await loadUntrustedSql(sandbox, zip.dump.path, handle.signal);
        await removeTree(zip.dump.path);
        handle.step('archiving the import');
        // Read and dumped as the sandbox too: what the upload defined (views, functions, triggers) runs
        // with no more rights than it had while loading.
        return this.backups.takeLocked(target, 'imported', handle, handle.signal, {
          server: sandbox.login,
          database: sandbox.database,
          filestoreDir: zip.filestore.dir,
          odooVersion: zip.manifest?.version,
          origin: zip.manifest,
        });
      });
      return record;
    } finally {
      // Used up either way: a zip that failed once fails again; a new attempt is a new upload.
      await this.uploads.discard(upload.id);
      await removeTree(workDir);
    }
  }
}
