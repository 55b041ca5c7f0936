import {
  AssignStorage,
  CreateStorage,
  DeleteStorage,
  ListStorages,
  UpdateStorage,
  type Storage,
} from '@paas/protocol';
import type { StorageService } from '../services/backups/storageService';
import { requireAction, requireAgentAdmin, seesProject } from './authorize';
import { defineHandler, type RequestContext } from './handler';

/** A storage as the caller may see it: other organizations' projects are left out of its assignments. */
function visibleStorage(context: RequestContext, storage: Storage): Storage {
  if (context.access.isAgentAdmin(context.caller)) return storage;
  return { ...storage, projectIds: storage.projectIds.filter((id) => seesProject(context, id)) };
}

/**
 * `storages/*`: storages are agent-wide, the agent administrators' to create, change and delete; each
 * change is filed in the log of every organization whose projects back up there. Everyone may list them
 * (never a credential), seeing only their own projects among the assigned ones, and a project's Admin
 * picks one for the project.
 */
export function storageHandlers(storages: StorageService) {
  const administer = (what: string, storageId?: string) => (context: RequestContext) => {
    requireAgentAdmin(context, what);
    if (storageId !== undefined) context.audit.alsoOrganizationIds = storages.organizationsUsing(storageId);
  };
  return [
    defineHandler({
      type: ListStorages,
      authorize: () => undefined,
      handle: (_params, context) => ({
        storages: storages.list().map((storage) => visibleStorage(context, storage)),
      }),
    }),
    defineHandler({
      type: CreateStorage,
      authorize: (_params, context) => administer('creating a storage')(context),
      handle: async (params) => ({ storage: await storages.create(params) }),
      target: (params) => `storage:${params.name}`,
    }),
    defineHandler({
      type: UpdateStorage,
      authorize: (params, context) => administer('changing a storage', params.storageId)(context),
      handle: async (params) => ({ storage: await storages.update(params) }),
      target: (params) => `storage:${params.storageId}`,
    }),
    defineHandler({
      type: DeleteStorage,
      authorize: (params, context) => administer('deleting a storage', params.storageId)(context),
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
      handle: (params, context) => ({
        storage: visibleStorage(context, storages.assign(params.projectId, params.storageId)),
      }),
      target: (params) => `project:${params.projectId}`,
    }),
  ];
}
