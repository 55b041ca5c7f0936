import { join } from 'node:path';
import { extractOdooZip, type DeclaredContent, type ExpansionLimits } from '../../adapters/zip/readOdooZip';
import { countMissingFiles } from '../../adapters/archive/filestore';
import { freshWorkDir, removeTree } from '../../adapters/archive/staging';
import { attachmentFiles } from '../../adapters/pgtools/pgFacts';
import { loadUntrustedSql, withSandboxDatabase } from '../../adapters/pgtools/pgSandbox';
import { projectBackupBytes, type BackupRecord } from '../../store/backups';
import { JobFailure } from '../adapterErrors';
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
    private readonly limits: ExpansionLimits & { projectQuotaBytes: number },
  ) {}

  /** Refuses an import whose expanded size would take the project's backups past its quota. */
  private checkQuota(projectId: string, declared: DeclaredContent): void {
    const stored = projectBackupBytes(this.backups.deps.db, projectId);
    if (stored + declared.bytes > this.limits.projectQuotaBytes)
      throw new JobFailure(
        'BACKUP_QUOTA_EXCEEDED',
        `the project's backups take ${stored} bytes and this import ${declared.bytes} more: the quota is ` +
          `${this.limits.projectQuotaBytes} (projectBackupQuotaBytes); delete backups or raise it`,
      );
  }

  async importNow(uploadId: string, handle: OperationHandle): Promise<BackupRecord> {
    const upload = this.uploads.get(uploadId);
    const target = this.backups.deps.apps.target(upload.appId);
    const name = this.backups.sandboxName('import');
    const workDir = this.backups.workDir(name);
    await freshWorkDir(workDir);
    try {
      handle.step('checking the zip');
      const zip = await extractOdooZip(
        this.uploads.pathOf(upload.id),
        join(workDir, 'staging'),
        this.limits,
        {
          signal: handle.signal,
          checkDeclared: (declared) => this.checkQuota(target.projectId, declared),
        },
      );
      handle.step(`loading dump.sql (${zip.dump.size} bytes) as an unprivileged role`);
      const record = await withSandboxDatabase(target.server, name, async (sandbox) => {
        await loadUntrustedSql(sandbox, zip.dump.path, handle.signal);
        await removeTree(zip.dump.path);
        // Odoo's own restore takes such a zip too (the attachments then fail to open): import it, but say so.
        const missingAttachments = await countMissingFiles(
          zip.filestore.dir,
          await attachmentFiles(sandbox.login, sandbox.database),
        );
        if (missingAttachments > 0)
          handle.step(`${missingAttachments} attachments of the dump have no file in the zip`);
        handle.step('archiving the import');
        // Read and dumped as the sandbox too: what the upload defined (views, functions, triggers) runs
        // with no more rights than it had while loading.
        return this.backups.takeLocked(target, 'imported', handle, handle.signal, {
          server: sandbox.login,
          database: sandbox.database,
          filestoreDir: zip.filestore.dir,
          odooVersion: zip.manifest?.version,
          missingAttachments,
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
