import { CreateProject, GetProject, ListProjects, UpdateProject } from '@paas/protocol';
import type { EnvironmentService } from '../services/environments';
import type { ProjectService } from '../services/projects';
import { anyCaller, requireAction } from './authorize';
import { defineHandler } from './handler';

export function projectHandlers(projects: ProjectService, environments: EnvironmentService) {
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
      handle: (params, { log }) => {
        const created = projects.create(params);
        log.info({ project: created.project.id, code: created.project.code }, 'project created');
        return created;
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
  ];
}
