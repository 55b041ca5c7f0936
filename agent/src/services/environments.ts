import {
  type CreateEnvironment,
  type Environment,
  type ParamsOf,
  type UpdateEnvironment,
} from '@paas/protocol';
import type { Db } from '../store/database';
import { inTransaction } from '../store/database';
import {
  findEnvironment,
  findEnvironmentByType,
  insertEnvironment,
  listEnvironments,
  saveEnvironment,
} from '../store/environments';
import { findProject } from '../store/projects';
import { listServers } from '../store/servers';
import { conflict, notFound } from '../errors';
import { newId, nowIso } from '../ids';
import { assertAutomationFits, defaultAutomation } from './automation';
import type { PlanService } from './plans';

/** A project's environments: one per type, each on one server. */
export class EnvironmentService {
  constructor(
    private readonly db: Db,
    private readonly localServerId: string,
    private readonly plans: PlanService,
  ) {}

  list(projectId: string): Environment[] {
    if (!findProject(this.db, projectId)) throw notFound('project', projectId);
    return listEnvironments(this.db, projectId);
  }

  get(environmentId: string): Environment {
    const environment = findEnvironment(this.db, environmentId);
    if (!environment) throw notFound('environment', environmentId);
    return environment;
  }

  create(params: ParamsOf<typeof CreateEnvironment>): Environment {
    return inTransaction(this.db, () => {
      if (!findProject(this.db, params.projectId)) throw notFound('project', params.projectId);
      if (findEnvironmentByType(this.db, params.projectId, params.type)) {
        throw conflict(`the project already has a ${params.type} environment`, { field: 'type' });
      }
      this.plans.assertWithin(
        params.projectId,
        'environments',
        listEnvironments(this.db, params.projectId).length + 1,
      );
      if (params.automation) assertAutomationFits(params.type, params.automation, ['automation']);
      const serverId = params.serverId ?? this.localServerId;
      if (!listServers(this.db).some((server) => server.id === serverId)) throw notFound('server', serverId);
      const now = nowIso();
      const environment: Environment = {
        id: newId(),
        projectId: params.projectId,
        type: params.type,
        serverId,
        automation: params.automation ?? defaultAutomation(params.type),
        sharedAddons: [],
        createdAt: now,
        updatedAt: now,
      };
      insertEnvironment(this.db, environment);
      return environment;
    });
  }

  update(params: ParamsOf<typeof UpdateEnvironment>): Environment {
    return inTransaction(this.db, () => {
      const current = this.get(params.environmentId);
      if (params.automation) assertAutomationFits(current.type, params.automation, ['automation']);
      const updated: Environment = {
        ...current,
        automation: { ...current.automation, ...params.automation },
        sharedAddons: params.sharedAddons ?? current.sharedAddons,
        updatedAt: nowIso(),
      };
      saveEnvironment(this.db, updated);
      return updated;
    });
  }
}
