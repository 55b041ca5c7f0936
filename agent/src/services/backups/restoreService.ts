import { AdapterError } from '../../adapters/errors';
import { removeTree } from '../../adapters/archive/staging';
import { databaseFacts } from '../../adapters/pgtools/pgFacts';
import { dropDatabase } from '../../adapters/pgtools/pgAdmin';
import { conflict } from '../../errors';
import { newId } from '../../ids';
import type { BackupRecord } from '../../store/backups';
import { findDeletedProject } from '../../store/deletedProjects';
import { findProject } from '../../store/projects';
import type { BackupTarget } from './appDirectory';
import type { BackupService } from './backupService';
import type { OperationHandle } from './operations';
import { restoreToCopy, type RestoredCopy } from './restore';
import { restoredDatabaseName } from '../apps/names';
import { withSandboxRole } from '../../adapters/pgtools/pgSandbox';
import type { PgServer } from '../../adapters/pgtools/pgServer';
import type { ByteRange } from '../../adapters/storage/storage';

/** Where the catalog's manifest says the dump lies in the archive (archives since protocol 1.1). */
export function dumpRangeOf(backup: BackupRecord): ByteRange | undefined {
  const database = backup.manifest?.paas?.database;
  return database?.offset === undefined ? undefined : { start: database.offset, length: database.size };
}

/** A database name with a suffix, within PostgreSQL's 63-byte limit. */
export function sibling(database: string, suffix: string): string {
  return `${database.slice(0, 63 - suffix.length - 1)}_${suffix}`;
}

/** A restore checked and ready to run: the backup, the app it goes into, and whether it is neutralized. */
export interface RestorePlan {
  backup: BackupRecord;
  target: BackupTarget;
  neutralize: boolean;
  newIdentity: boolean;
}

/** Restore and verification: both restore into a new database first and never touch what exists until the end. */
export class RestoreService {
  constructor(private readonly backups: BackupService) {}

  /** The backup, when it can be restored or verified (succeeded, with checksums); Conflict otherwise. */
  restorable(backupId: string): BackupRecord {
    const backup = this.backups.get(backupId);
    if (backup.status !== 'succeeded' || !backup.checksums)
      throw conflict(`backup ${backupId} is ${backup.status}, not restorable`);
    return backup;
  }

  /**
   * Checks a `backups/restore` before it is queued: into the same app or another app of the project.
   * Neutralization defaults to on for staging and development targets; a new database identity to on for
   * a copy into another app.
   */
  planRestore(
    backupId: string,
    targetAppId: string,
    options: { neutralize?: boolean; newIdentity?: boolean } = {},
  ): RestorePlan {
    const backup = this.restorable(backupId);
    const target = this.backups.deps.apps.target(targetAppId);
    if (target.projectId !== backup.projectId) this.checkCopyOfDeletedProject(backup, target);
    return {
      backup,
      target,
      neutralize: options.neutralize ?? target.environmentType !== 'production',
      newIdentity: options.newIdentity ?? target.appId !== backup.appId,
    };
  }

  /**
   * A backup restores into apps of its own project; once that project is deleted, into apps of any project
   * of the organization it belonged to (its data has nowhere else to go), never into another organization.
   */
  private checkCopyOfDeletedProject(backup: BackupRecord, target: BackupTarget): void {
    const db = this.backups.deps.db;
    const deleted = findProject(db, backup.projectId) ? undefined : findDeletedProject(db, backup.projectId);
    if (!deleted)
      throw conflict('a backup restores only into apps of its own project, until that project is deleted');
    if (findProject(db, target.projectId)?.organizationId !== deleted.organizationId)
      throw conflict("a deleted project's backup restores only into projects of its organization");
  }

  /**
   * Runs a restore (a `restore` job), after any other backup work of the target. Production targets get a
   * pre-restore backup first. The copy is switched in only when fully restored; a failure leaves the
   * target exactly as it was.
   */
  async restoreNow(plan: RestorePlan, handle: OperationHandle): Promise<void> {
    await this.backups.locks.run(plan.target.appId, () => this.restoreLocked(plan, handle));
  }

  private async restoreLocked(plan: RestorePlan, handle: OperationHandle): Promise<void> {
    const { backup, target, neutralize } = plan;
    if (target.environmentType === 'production') {
      handle.step('pre-restore backup');
      await this.backups.takeLocked(target, 'preRestore', undefined, handle.signal);
    }
    const suffix = newId(8);
    const role = target.owner?.adminUser ?? target.database;
    const workDir = this.backups.workDir(`restore-${suffix}`);
    const copyName = restoredDatabaseName(role, suffix);
    // Recorded before it exists: an agent that dies from here on drops the copy, or the replaced database
    // once the app serves the copy, at its next start (reconciler.ts).
    handle.remember({ restoreCopy: copyName, replacedDatabase: target.database });
    const copy = await restoreToCopy({
      storage: this.backups.deps.storages.open(backup.storageId),
      key: backup.path,
      expected: backup.checksums!,
      dumpRange: dumpRangeOf(backup),
      server: target.server,
      database: copyName,
      loader: target.owner,
      workDir,
      neutralize,
      odooNeutralize: (database) => this.backups.deps.apps.neutralizeWithOdoo(target.appId, database),
      newIdentity: plan.newIdentity ? { now: this.backups.deps.clock() } : undefined,
      signal: handle.signal,
      onProgress: (step, bytes) => handle.step(step, bytes),
    });
    handle.step('switching');
    await this.switchIn(target, copy, workDir);
    this.backups.deps.apps.setNeutralized(target.appId, neutralize);
  }

  /**
   * Moves the app onto the copy like an update moves it onto a new revision (see `switchDatabase`): the
   * app's database serves until the copy answers healthy. Then the database and filestore it left are
   * dropped and the work directory removed; on failure the copy is dropped, and the app is as it was.
   */
  private async switchIn(target: BackupTarget, copy: RestoredCopy, workDir: string): Promise<void> {
    try {
      await this.backups.deps.apps.switchDatabase(target.appId, copy.database, copy.filestoreDir);
    } catch (error) {
      await copy.discard();
      throw error;
    }
    await dropDatabase(target.server, target.database);
    await removeTree(target.filestoreDir);
    await removeTree(workDir);
  }

  /** Verification (a `verify` job, or the schedule's): restores into a throwaway database and checks it against the manifest. */
  async verifyNow(backup: BackupRecord, handle?: OperationHandle): Promise<void> {
    const server = this.serverFor(backup);
    const sandbox = this.backups.sandboxName('verify');
    const at = (): string => this.backups.deps.clock().toISOString();
    try {
      // Loaded by a throwaway role, not the admin: the backup holds whatever its app put in its database.
      await withSandboxRole(server, sandbox, async (loader) => {
        const copy = await restoreToCopy({
          storage: this.backups.deps.storages.open(backup.storageId),
          key: backup.path,
          expected: backup.checksums!,
          dumpRange: dumpRangeOf(backup),
          server,
          loader,
          database: loader.adminUser,
          workDir: this.backups.workDir(sandbox),
          neutralize: false,
          signal: handle?.signal,
          onProgress: (step, bytes) => handle?.step(step, bytes),
        });
        await this.checkCopy(backup, server, copy);
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.backups.save({
        ...this.backups.get(backup.id),
        verification: { status: 'failed', at: at(), message },
      });
      throw error;
    }
  }

  /** Compares a verification's copy with the manifest and records a pass; always discards the copy. */
  private async checkCopy(backup: BackupRecord, server: PgServer, copy: RestoredCopy): Promise<void> {
    try {
      const facts = await databaseFacts(server, copy.database);
      const expected = backup.manifest?.paas;
      const { files, markers } = copy.extracted.filestore;
      // Archives made before markers were told apart counted them as files.
      const filesMatch = files === expected?.filestore.files || files + markers === expected?.filestore.files;
      if (expected && (facts.tables !== expected.database.tables || !filesMatch)) {
        throw new AdapterError(
          'ARCHIVE_CHECKSUM_MISMATCH',
          `restored ${facts.tables} tables and ${files} files; the manifest says ${expected.database.tables} and ${expected.filestore.files}`,
        );
      }
      const message = `restored ${facts.tables} tables and ${files} files; checksums match`;
      this.backups.save({
        ...this.backups.get(backup.id),
        verification: { status: 'passed', at: this.backups.deps.clock().toISOString(), message },
      });
    } finally {
      await copy.discard();
    }
  }

  private serverFor(backup: BackupRecord) {
    try {
      return this.backups.deps.apps.target(backup.appId).server;
    } catch {
      return this.backups.deps.apps.defaultServer();
    }
  }
}
