import {
  CreateProject,
  DeleteProject,
  GetProject,
  ListProjects,
  ListRegistryBranches,
  UpdateProject,
} from '@paas/protocol';
import { actorOf } from '../caller';
import { asRpc } from '../services/adapterErrors';
import type { AppService } from '../services/apps/appService';
import type { Mirrors } from '../services/apps/mirrors';
import type { EnvironmentService } from '../services/environments';
import type { ProjectService } from '../services/projects';
import { anyCaller, requireAction, requireInOrganization } from './authorize';
import { defineHandler } from './handler';

export function projectHandlers(
  projects: ProjectService,
  environments: EnvironmentService,
  apps: AppService,
  mirrors: Mirrors,
) {
  return [
    defineHandler({
      type: ListProjects,
      authorize: anyCaller,
      // Only the projects the caller has a role on: the others do not exist as far as they can tell.
      handle: (params, { access, caller }) => ({
        projects: projects
          .list(params.organizationId)
          .filter((project) => access.resolve(caller, { projectId: project.id }).role !== undefined),
      }),
    }),
    defineHandler({
      type: GetProject,
      authorize: (params, context) => requireAction(context, 'project.read', { projectId: params.projectId }),
      handle: (params) => ({
        project: projects.get(params.projectId),
        environments: environments.list(params.projectId),
      }),
    }),
    defineHandler({
      type: CreateProject,
      authorize: (params, context) => requireInOrganization(context, 'project.create', params.organizationId),
      handle: async (params, { log, audit, caller }, grant) => {
        const created = projects.create({ ...params, organizationId: grant.organizationId });
        audit.projectId = created.project.id;
        audit.target = `project:${created.project.id}`;
        log.info({ project: created.project.id, code: created.project.code }, 'project created');
        const branch = params.firstEnvironment.branch;
        if (!branch) return created;
        try {
          // The first app is named after its branch; a deploy refused up front (no such branch, no image)
          // undoes the project, so bad input leaves nothing behind.
          const first = { environmentId: created.environment.id, name: branch, branch };
          const { jobId } = await apps.create(first, created.environment, actorOf(caller));
          return { ...created, jobId };
        } catch (error) {
          projects.remove(created.project.id);
          throw error;
        }
      },
      target: (params) => `project:${params.code ?? params.name}`,
    }),
    defineHandler({
      type: ListRegistryBranches,
      // A project's own registry needs what reading its apps needs; a URL being typed in needs what creating
      // the project would, since the agent reads it on the caller's behalf.
      authorize: (params, context) => {
        if ('projectId' in params) requireAction(context, 'app.refresh', { projectId: params.projectId });
        else requireInOrganization(context, 'project.create', params.organizationId);
      },
      handle: async (params) => ({
        branches: await asRpc(() =>
          mirrors.listBranches(
            'projectId' in params
              ? { project: projects.get(params.projectId) }
              : { url: params.registryUrl, credentials: params.credentials },
          ),
        ),
      }),
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
      handle: async (params, { log }) => {
        await projects.delete(params.projectId, params.confirmCode, params.skipFinalBackups);
        log.info({ project: params.projectId, skipFinalBackups: params.skipFinalBackups }, 'project deleted');
        return { projectId: params.projectId };
      },
      target: (params) => `project:${params.projectId}`,
    }),
  ];
}
