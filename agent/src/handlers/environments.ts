import { CreateEnvironment, ListEnvironments, UpdateEnvironment } from '@paas/protocol';
import type { EnvironmentService } from '../services/environments';
import { requireAction } from './authorize';
import { defineHandler } from './handler';

export function environmentHandlers(environments: EnvironmentService) {
  return [
    defineHandler({
      type: ListEnvironments,
      authorize: (params, context) => requireAction(context, 'project.read', { projectId: params.projectId }),
      handle: (params) => ({ environments: environments.list(params.projectId) }),
    }),
    defineHandler({
      type: CreateEnvironment,
      authorize: (params, context) =>
        requireAction(context, 'project.settings', { projectId: params.projectId }),
      handle: (params) => ({ environment: environments.create(params) }),
      target: (params) => `project:${params.projectId}`,
    }),
    defineHandler({
      type: UpdateEnvironment,
      authorize: (params, context) => {
        const { type, projectId } = environments.get(params.environmentId);
        const scope = { projectId, environmentType: type };
        if (params.automation) requireAction(context, 'environment.automate', scope);
        if (params.sharedAddons) {
          requireAction(context, 'environment.addons', scope);
          // Shared addons are code the environment's apps run: in production that is deploying.
          requireAction(context, 'app.deploy', scope);
        }
      },
      handle: (params) => ({ environment: environments.update(params) }),
      target: (params) => `environment:${params.environmentId}`,
    }),
  ];
}
