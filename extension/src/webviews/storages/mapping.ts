import type { Backup, Storage } from '@paas/protocol';
import type { StorageView } from '../messages/storages';

/** Where a storage is, for people: its directory, or `user@host:port:root` (never a credential). */
function locationOf(storage: Storage): string {
  const c = storage.config;
  return c.kind === 'local' ? c.path : `${c.username}@${c.host}:${c.port}:${c.root}`;
}

/**
 * The storages as the project's screen shows them: which one takes its new backups (the assigned one, or
 * the default until one is assigned), and what its own catalog keeps in each.
 */
export function toStorageViews(
  storages: readonly Storage[],
  projectId: string,
  backups: readonly Backup[],
): StorageView[] {
  const assigned = storages.find((s) => s.projectIds.includes(projectId));
  const kept = backups.filter((b) => b.status === 'running' || b.status === 'succeeded');
  return storages.map((storage) => {
    const mine = kept.filter((b) => b.storageId === storage.id);
    return {
      id: storage.id,
      name: storage.name,
      kind: storage.config.kind,
      location: locationOf(storage),
      isDefault: storage.isDefault,
      current: assigned ? assigned.id === storage.id : storage.isDefault,
      backupCount: storage.usage.backupCount,
      usedBytes: storage.usage.usedBytes,
      projectBackupCount: mine.length,
      projectBytes: mine.reduce((sum, b) => sum + (b.sizeBytes ?? 0), 0),
    };
  });
}
