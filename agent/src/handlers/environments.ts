import { CreateEnvironment, ListEnvironments, UpdateEnvironment } from '@paas/protocol';
import type { EnvironmentService } from '../services/environments';
import { anyCaller, requireAction } from './authorize';
import { defineHandler } from './handler';

export function environmentHandlers(environments: EnvironmentService) {
  return [
    defineHandler({
      type: ListEnvironments,
      authorize: anyCaller,
      handle: (params) => ({ environments: environments.list(params.projectId) }),
    }),
    defineHandler({
      type: CreateEnvironment,
      authorize: (_params, context) => requireAction(context, 'project.settings'),
      handle: (params) => ({ environment: environments.create(params) }),
      target: (params) => `project:${params.projectId}`,
    }),
    defineHandler({
      type: UpdateEnvironment,
      authorize: (params, context) => {
        const { type } = environments.get(params.environmentId);
        if (params.automation) requireAction(context, 'environment.automate', type);
        if (params.sharedAddons) requireAction(context, 'environment.addons', type);
      },
      handle: (params) => ({ environment: environments.update(params) }),
      target: (params) => `environment:${params.environmentId}`,
    }),
  ];
}
