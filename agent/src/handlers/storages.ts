import {
  AssignStorage,
  CreateStorage,
  DeleteStorage,
  ListStorages,
  TestStorage,
  UpdateStorage,
} from '@paas/protocol';
import type { ProjectFilter, StorageService } from '../services/backups/storageService';
import { requireAction, requireAgentAdmin, seesProject } from './authorize';
import { defineHandler, type RequestContext } from './handler';

/** The projects the caller may see in a storage's assignments and usage: other organizations' are left out. */
function visibleProjects(context: RequestContext): ProjectFilter {
  if (context.access.isAgentAdmin(context.caller)) return () => true;
  return (projectId) => seesProject(context, projectId);
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
      handle: (_params, context) => ({ storages: storages.list(visibleProjects(context)) }),
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
        storage: storages.assign(params.projectId, params.storageId, visibleProjects(context)),
      }),
      target: (params) => `project:${params.projectId}`,
    }),
    defineHandler({
      type: TestStorage,
      // Whoever may pick the project's storage may check one first; it changes nothing, but it reaches out
      // from the agent, so it is authorised and audited like a change.
      authorize: (params, context) =>
        requireAction(context, 'project.settings', { projectId: params.projectId }),
      handle: async (params) => ({
        storageId: params.storageId,
        durationMs: await storages.test(params.storageId),
      }),
      target: (params) => `storage:${params.storageId}`,
    }),
  ];
}
