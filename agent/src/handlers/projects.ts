import { CreateProject, DeleteProject, GetProject, ListProjects, UpdateProject } from '@paas/protocol';
import { actorOf } from '../caller';
import type { AppService } from '../services/apps/appService';
import type { EnvironmentService } from '../services/environments';
import type { ProjectService } from '../services/projects';
import { anyCaller, requireAction } from './authorize';
import { defineHandler } from './handler';

/** Project deletion with its apps, provided by the app services. */
export type DeleteProjectWithApps = (projectId: string, confirmCode: string) => Promise<string[]>;

export function projectHandlers(
  projects: ProjectService,
  environments: EnvironmentService,
  apps: AppService,
  deleteWithApps: DeleteProjectWithApps,
) {
  return [
    defineHandler({
      type: ListProjects,
      authorize: anyCaller,
      handle: (params) => ({ projects: projects.list(params.organizationId) }),
    }),
    defineHandler({
      type: GetProject,
      authorize: (params, context) => requireAction(context, 'app.refresh', { projectId: params.projectId }),
      handle: (params) => ({
        project: projects.get(params.projectId),
        environments: environments.list(params.projectId),
      }),
    }),
    defineHandler({
      type: CreateProject,
      authorize: (_params, context) => requireAction(context, 'project.create'),
      handle: async (params, { log, caller }) => {
        const created = projects.create(params);
        log.info({ project: created.project.id, code: created.project.code }, 'project created');
        const branch = params.firstEnvironment.branch;
        if (!branch) return created;
        try {
          // The first app is named after its branch; a branch the repository lacks undoes the project.
          const { jobId } = await apps.create(
            { environmentId: created.environment.id, name: branch, branch },
            created.environment,
            actorOf(caller),
          );
          return { ...created, jobId };
        } catch (error) {
          projects.remove(created.project.id);
          throw error;
        }
      },
      target: (params) => `project:${params.code ?? params.name}`,
    }),
    defineHandler({
      type: UpdateProject,
      authorize: (params, context) =>
        requireAction(context, 'project.settings', { projectId: params.projectId }),
      handle: (params) => ({ project: projects.update(params) }),
      target: (params) => `project:${params.projectId}`,
    }),
    defineHandler({
      type: DeleteProject,
      authorize: (params, context) =>
        requireAction(context, 'project.delete', { projectId: params.projectId }),
      handle: async (params) => ({
        projectId: params.projectId,
        destroyedApps: await deleteWithApps(params.projectId, params.confirmCode),
      }),
      target: (params) => `project:${params.projectId}`,
    }),
  ];
}
