import { join } from 'node:path';
import type { CreateStorage, ParamsOf, Storage, StorageConfig, UpdateStorage } from '@paas/protocol';
import { AdapterError } from '../../adapters/errors';
import { LocalStorage } from '../../adapters/storage/local';
import { SftpStorage, probeHostKey, type SftpSecret } from '../../adapters/storage/sftp';
import type { BackupStorage } from '../../adapters/storage/storage';
import { conflict, invalidField, notFound } from '../../errors';
import { newId, nowIso } from '../../ids';
import { backupUsageByStorage, countBackupsInStorage, type StorageUsageRow } from '../../store/backups';
import { inTransaction, type Db } from '../../store/database';
import { findProject } from '../../store/projects';
import {
  assignProjectStorage,
  deleteStorage,
  findDefaultStorage,
  findStorage,
  insertStorage,
  isStorageNameTaken,
  listStorages,
  projectStorageId,
  projectsOfStorage,
  readStorageSecret,
  saveStorage,
  saveStorageSecret,
  type StorageRecord,
  type StorageSecret,
} from '../../store/storages';
import { RpcError, ErrorCode } from '@paas/protocol';

/** Where backups go: the built-in local directory and SFTP storage boxes, assignable per project. */
export class StorageService {
  constructor(
    private readonly db: Db,
    private readonly dataDir: string,
  ) {}

  /** The built-in storage `<dataDir>/backups`, created at first start: projects use it until assigned. */
  ensureDefault(): StorageRecord {
    const existing = findDefaultStorage(this.db);
    if (existing) return existing;
    const now = nowIso();
    const record: StorageRecord = {
      id: newId(),
      name: 'Local',
      config: { kind: 'local', path: join(this.dataDir, 'backups') },
      isDefault: true,
      createdAt: now,
      updatedAt: now,
    };
    insertStorage(this.db, record);
    return record;
  }

  /**
   * A storage as a caller sees it: `visible` says which projects' assignments and backups they may see
   * (all of them for agent administrators).
   */
  view(
    record: StorageRecord,
    visible: ProjectFilter = everyProject,
    usageRows: readonly StorageUsageRow[] = backupUsageByStorage(this.db),
  ): Storage {
    const usage = usageRows.filter((row) => row.storageId === record.id && visible(row.projectId));
    return {
      ...record,
      hasSecret: readStorageSecret(this.db, record.id) !== undefined,
      projectIds: projectsOfStorage(this.db, record.id).filter(visible),
      usage: {
        backupCount: usage.reduce((sum, row) => sum + row.backupCount, 0),
        usedBytes: usage.reduce((sum, row) => sum + row.usedBytes, 0),
      },
    };
  }

  list(visible: ProjectFilter = everyProject): Storage[] {
    // One pass over the catalog for all storages.
    const usageRows = backupUsageByStorage(this.db);
    return listStorages(this.db).map((record) => this.view(record, visible, usageRows));
  }

  /** The organizations whose projects back up to a storage: a change to it is theirs to see. */
  organizationsUsing(storageId: string): string[] {
    const projects = projectsOfStorage(this.db, storageId).map((id) => findProject(this.db, id));
    return [...new Set(projects.flatMap((project) => (project ? [project.organizationId] : [])))];
  }

  get(storageId: string): StorageRecord {
    const record = findStorage(this.db, storageId);
    if (!record) throw notFound('storage', storageId);
    return record;
  }

  async create(params: ParamsOf<typeof CreateStorage>): Promise<Storage> {
    if (isStorageNameTaken(this.db, params.name))
      throw conflict(`a storage named "${params.name}" exists`, { field: 'name' });
    const config = await this.checked(params.config, params.secret);
    const now = nowIso();
    const record: StorageRecord = {
      id: newId(),
      name: params.name,
      config,
      isDefault: false,
      createdAt: now,
      updatedAt: now,
    };
    inTransaction(this.db, () => {
      insertStorage(this.db, record);
      if (params.secret) saveStorageSecret(this.db, record.id, params.secret);
    });
    return this.view(record);
  }

  async update(params: ParamsOf<typeof UpdateStorage>): Promise<Storage> {
    const current = this.get(params.storageId);
    if (params.name && isStorageNameTaken(this.db, params.name, current.id))
      throw conflict(`a storage named "${params.name}" exists`, { field: 'name' });
    if (current.isDefault && params.config)
      throw conflict('the default storage\u2019s directory is the agent\u2019s own', { field: 'config' });
    const secret = params.secret ?? readStorageSecret(this.db, current.id);
    const config =
      params.config || params.secret
        ? await this.checked(params.config ?? current.config, secret)
        : current.config;
    const updated: StorageRecord = {
      ...current,
      name: params.name ?? current.name,
      config,
      updatedAt: nowIso(),
    };
    inTransaction(this.db, () => {
      saveStorage(this.db, updated);
      if (params.secret) saveStorageSecret(this.db, updated.id, params.secret);
    });
    return this.view(updated);
  }

  delete(storageId: string): void {
    inTransaction(this.db, () => {
      const record = this.get(storageId);
      if (record.isDefault) throw conflict('the default storage cannot be removed');
      if (projectsOfStorage(this.db, storageId).length > 0)
        throw conflict('projects are assigned to this storage');
      if (countBackupsInStorage(this.db, storageId) > 0)
        throw conflict('backups live in this storage; delete them first');
      deleteStorage(this.db, storageId);
    });
  }

  assign(projectId: string, storageId: string, visible: ProjectFilter = everyProject): Storage {
    return inTransaction(this.db, () => {
      if (!findProject(this.db, projectId)) throw notFound('project', projectId);
      const record = this.get(storageId);
      assignProjectStorage(this.db, projectId, storageId);
      return this.view(record, visible);
    });
  }

  /** Connects to a storage and checks it could take an archive, changing nothing; resolves with the time taken. */
  async test(storageId: string): Promise<number> {
    const started = Date.now();
    try {
      await this.open(storageId).probe();
    } catch (error) {
      throw unavailableError(error);
    }
    return Date.now() - started;
  }

  /** The storage a project's new backups go to. */
  forProject(projectId: string): StorageRecord {
    const assigned = projectStorageId(this.db, projectId);
    return assigned ? this.get(assigned) : this.ensureDefault();
  }

  /** The adapter for a stored storage, with its credentials. */
  open(storageId: string): BackupStorage {
    const record = this.get(storageId);
    return openStorage(record.config, readStorageSecret(this.db, storageId));
  }

  /** Validates the settings, learns an SFTP host key on first contact and checks the storage is writable. */
  private async checked(config: StorageConfig, secret: StorageSecret | undefined): Promise<StorageConfig> {
    let complete = config;
    try {
      if (config.kind === 'sftp') {
        if (!secret) throw invalidField(['secret'], 'an SFTP storage needs a password or a private key');
        complete = {
          ...config,
          hostKeySha256: config.hostKeySha256 ?? (await probeHostKey(config, secret as SftpSecret)),
        };
      }
      await openStorage(complete, secret).check();
    } catch (error) {
      throw unavailableError(error);
    }
    return complete;
  }
}

/** Which projects' assignments and backups a caller may see. */
export type ProjectFilter = (projectId: string) => boolean;
const everyProject: ProjectFilter = () => true;

/** A storage that did not answer is the client's `Unavailable`, with the adapter's code; other errors pass. */
function unavailableError(error: unknown): unknown {
  return error instanceof AdapterError
    ? new RpcError(ErrorCode.Unavailable, error.message, { code: error.code })
    : error;
}

function openStorage(config: StorageConfig, secret: StorageSecret | undefined): BackupStorage {
  if (config.kind === 'local') return new LocalStorage(config.path);
  if (!secret) throw new AdapterError('STORAGE_UNAVAILABLE', 'the SFTP storage has no credentials');
  return new SftpStorage({ ...config, hostKeySha256: config.hostKeySha256 ?? '' }, secret as SftpSecret);
}
