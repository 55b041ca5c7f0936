import { join } from 'node:path';
import { removeTree } from '../../adapters/archive/staging';
import {
  BackupDidChange,
  type Backup,
  type BackupManifest,
  type BackupKind,
  type ListBackups,
  type ParamsOf,
} from '@paas/protocol';
import type { PgServer } from '../../adapters/pgtools/pgServer';
import type { Logger } from '../../log';
import { conflict, invalidField, notFound } from '../../errors';
import { newId } from '../../ids';
import {
  findBackup,
  insertBackup,
  listBackups,
  listRunningBackups,
  saveBackup,
  type BackupRecord,
} from '../../store/backups';
import { inTransaction, type Db } from '../../store/database';
import { findStorage } from '../../store/storages';
import type { Notifier } from '../notifier';
import type { AppDirectory, BackupTarget } from './appDirectory';
import { AppLocks, errorView, type OperationHandle } from './operations';
import type { StorageService } from './storageService';
import { backupToStorage } from './takeBackup';

export interface BackupServiceDeps {
  db: Db;
  dataDir: string;
  storages: StorageService;
  apps: AppDirectory;
  notifier: Notifier;
  /** The agent's clock; tests move it. */
  clock: () => Date;
  log: Logger;
  /**
   * Names this agent's throwaway PostgreSQL roles and databases (imports, verifications): agents that
   * share a database server sweep only their own after a crash. Lower-case letters and digits.
   */
  sandboxTag: string;
}

function encodeCursor(record: BackupRecord): string {
  return Buffer.from(JSON.stringify([record.createdAt, record.id])).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: string; id: string } {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    if (typeof createdAt === 'string' && typeof id === 'string') return { createdAt, id };
  } catch {
    // fall through to the error below
  }
  throw invalidField(['cursor'], 'is not a cursor from backups/list');
}

/**
 * The backup catalog and taking backups: manual ones in `backup` jobs (backupJobs.ts), automatic ones
 * awaited by the hooks and the schedule.
 */
export class BackupService {
  readonly locks = new AppLocks();

  constructor(readonly deps: BackupServiceDeps) {}

  /** A name for a throwaway role and database of this agent (`withSandboxRole` prefixes it). */
  sandboxName(purpose: 'import' | 'verify'): string {
    return `${this.deps.sandboxTag}_${purpose}_${newId(10)
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '0')}`;
  }

  /** The agent's own scratch space for dump spools and restores, on the data directory's file system. */
  workDir(name: string): string {
    return join(this.deps.dataDir, 'backups-work', name);
  }

  view(record: BackupRecord): Backup {
    const { manifest: _manifest, ...backup } = record;
    return { ...backup, storageName: findStorage(this.deps.db, record.storageId)?.name ?? '(removed)' };
  }

  /**
   * Takes a backup and waits for it, after any other of the app's: a `backup` job (reporting through
   * `handle`), the pre-update, pre-destroy and scheduled ones. Throws when it fails.
   */
  async backupNow(
    appId: string,
    kind: BackupKind,
    signal?: AbortSignal,
    handle?: OperationHandle,
  ): Promise<BackupRecord> {
    const target = this.deps.apps.target(appId);
    return this.locks.run(appId, () => this.takeLocked(target, kind, handle, signal));
  }

  /**
   * Takes a backup; the caller holds the app's lock. The catalog row is true whatever happens. An
   * `imported` backup is the app's, but its database and filestore come from `from` (an import's sandbox,
   * read as the sandbox's own login; it never touches the app, so it needs no lock).
   */
  async takeLocked(
    target: BackupTarget,
    kind: BackupKind,
    handle?: OperationHandle,
    signal?: AbortSignal,
    from?: {
      server: PgServer;
      database: string;
      filestoreDir: string;
      odooVersion: string | undefined;
      /** Attachments the dump lists whose file the upload lacks. */
      missingAttachments: number;
      /** The imported zip's manifest, whose description of the source the archive keeps. */
      origin?: BackupManifest;
    },
  ): Promise<BackupRecord> {
    const storage = this.deps.storages.forProject(target.projectId);
    const started = this.deps.clock();
    const id = newId();
    let record: BackupRecord = {
      id,
      projectId: target.projectId,
      environmentId: target.environmentId,
      environmentType: target.environmentType,
      appId: target.appId,
      appName: target.appName,
      kind,
      status: 'running',
      storageId: storage.id,
      path: `${target.projectCode}/${target.environmentType}/${target.appSlug}/${id}.tar`,
      sizeBytes: null,
      durationMs: null,
      odooVersion: from ? (from.odooVersion ?? null) : target.odooVersion,
      commitSha: from ? null : target.commitSha,
      files: null,
      missingAttachments: from?.missingAttachments ?? null,
      tables: null,
      checksums: null,
      createdAt: started.toISOString(),
      finishedAt: null,
      error: null,
      verification: null,
      manifest: null,
    };
    this.save(record, true);
    handle?.set({ backupId: id });
    try {
      const release = from ? from.odooVersion : await this.releaseOf(target);
      const spoolDir = this.workDir('spool');
      const { manifest, size } = await backupToStorage(
        {
          server: from?.server ?? target.server,
          database: from?.database ?? target.database,
          dbName: target.database,
          filestoreDir: from?.filestoreDir ?? target.filestoreDir,
          spoolDir,
          odooVersion: release ?? undefined,
          origin: from?.origin,
        },
        {
          backupId: id,
          projectId: target.projectId,
          environmentId: target.environmentId,
          environmentType: target.environmentType,
          appId: target.appId,
          appName: target.appName,
          commitSha: record.commitSha,
          kind,
          createdAt: record.createdAt,
        },
        this.deps.storages.open(storage.id),
        record.path,
        {
          signal: signal ?? handle?.signal,
          onProgress: (p) =>
            handle?.step(p.step === 'dumping' ? 'dumping database' : 'archiving filestore', p.bytes),
        },
      );
      const paas = manifest.paas!;
      record = {
        ...record,
        status: 'succeeded',
        sizeBytes: size,
        files: paas.filestore.files,
        tables: paas.database.tables,
        odooVersion: manifest.version,
        checksums: { database: paas.database.sha256, filestore: paas.filestore.sha256 },
        manifest,
      };
    } catch (error) {
      record = { ...record, status: 'failed', error: errorView(error) };
      throw error;
    } finally {
      const finished = this.deps.clock();
      this.save({
        ...record,
        finishedAt: finished.toISOString(),
        durationMs: Math.max(0, finished.getTime() - started.getTime()),
      });
    }
    return findBackup(this.deps.db, id)!;
  }

  /**
   * `odoo.release.version` as the app's image reports it, as Odoo's own `dump_db_manifest` writes it
   * (odoo/service/db.py); the app's series when the image cannot say (the backup goes on regardless).
   */
  private async releaseOf(target: BackupTarget): Promise<string | null> {
    try {
      return (await this.deps.apps.odooRelease(target.appId)) ?? target.odooVersion;
    } catch (error) {
      this.deps.log.warn(
        { err: error, app: target.appId },
        'odoo --version failed; the manifest says the series',
      );
      return target.odooVersion;
    }
  }

  list(params: ParamsOf<typeof ListBackups>): { backups: Backup[]; nextCursor: string | null } {
    const records = listBackups(this.deps.db, {
      projectId: params.projectId,
      environmentId: params.environmentId,
      appId: params.appId,
      kinds: params.kinds,
      statuses: params.includeDeleted ? undefined : ['running', 'succeeded', 'failed'],
      from: params.from,
      to: params.to,
      before: params.cursor ? decodeCursor(params.cursor) : undefined,
      limit: params.limit + 1,
    });
    const page = records.slice(0, params.limit);
    const more = records.length > params.limit;
    return { backups: page.map((r) => this.view(r)), nextCursor: more ? encodeCursor(page.at(-1)!) : null };
  }

  get(backupId: string): BackupRecord {
    const record = findBackup(this.deps.db, backupId);
    if (!record) throw notFound('backup', backupId);
    return record;
  }

  /** Removes the archive, then marks the row deleted (the catalog keeps the history). */
  async delete(backupId: string): Promise<BackupRecord> {
    const record = this.get(backupId);
    if (record.status === 'running') throw conflict('the backup is still running');
    if (record.status !== 'deleted') await this.deps.storages.open(record.storageId).delete(record.path);
    const deleted: BackupRecord = { ...record, status: 'deleted' };
    this.save(deleted);
    return deleted;
  }

  /**
   * At start: backups left running by a stopped agent are marked failed, their partial objects (written
   * under a temporary name) are swept from their storage, and the scratch space of whatever ran (import
   * staging, dump spools, restores) is emptied: nothing runs yet.
   */
  async recover(): Promise<void> {
    await removeTree(join(this.deps.dataDir, 'backups-work'));
    for (const record of listRunningBackups(this.deps.db)) {
      this.save({
        ...record,
        status: 'failed',
        finishedAt: this.deps.clock().toISOString(),
        error: { code: 'INTERRUPTED', message: 'the agent stopped while the backup ran' },
      });
      const storage = this.deps.storages.open(record.storageId);
      const directory = record.path.slice(0, record.path.lastIndexOf('/') + 1);
      const leftovers = await storage.list(directory).catch(() => []);
      for (const object of leftovers) {
        if (object.key.startsWith(`${record.path}.partial-`))
          await storage.delete(object.key).catch(() => undefined);
      }
    }
  }

  /** Writes a row and tells clients. */
  save(record: BackupRecord, insert = false): void {
    inTransaction(this.deps.db, () =>
      insert ? insertBackup(this.deps.db, record) : saveBackup(this.deps.db, record),
    );
    this.deps.notifier.broadcast(record.projectId, BackupDidChange, { backup: this.view(record) });
  }
}
