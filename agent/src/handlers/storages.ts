import { AssignStorage, CreateStorage, DeleteStorage, ListStorages, UpdateStorage } from '@paas/protocol';
import type { StorageService } from '../services/backups/storageService';
import { requireAction } from './authorize';
import { defineHandler } from './handler';

/** `storages/*`: storages are the organization's (admins); assigning one is a project setting. */
export function storageHandlers(storages: StorageService) {
  return [
    defineHandler({
      type: ListStorages,
      authorize: (_params, context) => requireAction(context, 'servers.manage'),
      handle: () => ({ storages: storages.list() }),
    }),
    defineHandler({
      type: CreateStorage,
      authorize: (_params, context) => requireAction(context, 'servers.manage'),
      handle: async (params) => ({ storage: await storages.create(params) }),
      target: (params) => `storage:${params.name}`,
    }),
    defineHandler({
      type: UpdateStorage,
      authorize: (_params, context) => requireAction(context, 'servers.manage'),
      handle: async (params) => ({ storage: await storages.update(params) }),
      target: (params) => `storage:${params.storageId}`,
    }),
    defineHandler({
      type: DeleteStorage,
      authorize: (_params, context) => requireAction(context, 'servers.manage'),
      handle: (params) => {
        storages.delete(params.storageId);
        return { storageId: params.storageId };
      },
      target: (params) => `storage:${params.storageId}`,
    }),
    defineHandler({
      type: AssignStorage,
      authorize: (params, context) =>
        requireAction(context, 'project.settings', { projectId: params.projectId }),
      handle: (params) => ({ storage: storages.assign(params.projectId, params.storageId) }),
      target: (params) => `project:${params.projectId}`,
    }),
  ];
}
