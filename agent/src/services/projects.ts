import {
  type CreateProject,
  type Environment,
  type ParamsOf,
  type Project,
  type UpdateProject,
} from '@paas/protocol';
import type { Db } from '../store/database';
import { inTransaction } from '../store/database';
import { recordDeletedProject } from '../store/deletedProjects';
import { insertEnvironment } from '../store/environments';
import { findPendingRunnerJob } from '../store/jobs';
import {
  deleteProject,
  findProject,
  insertProject,
  isProjectCodeTaken,
  isProjectNameTaken,
  listProjects,
  saveProject,
  saveRegistryCredentials,
} from '../store/projects';
import { conflict, invalidField, notFound } from '../errors';
import { newId, nowIso } from '../ids';
import { assertAutomationFits, defaultAutomation } from './automation';
import type { PlanService } from './plans';
import { slugify } from './slug';

/**
 * Something that owns a project's resources outside its rows (apps and their containers, volumes,
 * databases, backups) and must release them before the project goes.
 */
export interface ProjectTeardown {
  /** Destroys what it owns of the project, taking final backups first unless `skipFinalBackups`. */
  tearDown(project: Project, options: { skipFinalBackups: boolean }): Promise<void>;
}

/** Creates, reads and edits projects. Every change is one transaction. */
export class ProjectService {
  constructor(
    private readonly db: Db,
    private readonly localServerId: string,
    private readonly plans: PlanService,
    private readonly teardowns: readonly ProjectTeardown[] = [],
  ) {}

  list(organizationId?: string): Project[] {
    return listProjects(this.db, organizationId);
  }

  get(projectId: string): Project {
    const project = findProject(this.db, projectId);
    if (!project) throw notFound('project', projectId);
    return project;
  }

  /** The project, its registry secret and its first environment, all or nothing. */
  create(params: ParamsOf<typeof CreateProject> & { organizationId: string }): {
    project: Project;
    environment: Environment;
  } {
    return inTransaction(this.db, () => {
      const { organizationId } = params;
      this.plans.assertTierWithin(params.plan.tier, 'environments', 1);
      const first = params.firstEnvironment;
      if (first.automation)
        assertAutomationFits(first.type, first.automation, ['firstEnvironment', 'automation']);
      const code = params.code ?? slugify(params.name);
      if (isProjectCodeTaken(this.db, code))
        throw conflict(`project code "${code}" is taken`, { field: 'code', code });
      if (isProjectNameTaken(this.db, organizationId, params.name)) {
        throw conflict(`a project named "${params.name}" exists in this organization`, { field: 'name' });
      }
      const now = nowIso();
      const project: Project = {
        id: newId(),
        organizationId,
        name: params.name,
        code,
        deploymentType: params.deploymentType,
        registry: { url: params.registry.url, credentials: params.registry.credentials.kind },
        domainProvider: params.domainProvider,
        plan: params.plan,
        configuration: params.configuration,
        createdAt: now,
        updatedAt: now,
      };
      insertProject(this.db, project);
      saveRegistryCredentials(this.db, project.id, params.registry.credentials);
      const environment: Environment = {
        id: newId(),
        projectId: project.id,
        type: params.firstEnvironment.type,
        serverId: this.localServerId,
        automation: params.firstEnvironment.automation ?? defaultAutomation(params.firstEnvironment.type),
        sharedAddons: [],
        createdAt: now,
        updatedAt: now,
      };
      insertEnvironment(this.db, environment);
      return { project, environment };
    });
  }

  /** Deletes a project that has no apps (undoing a creation whose first deploy was refused). */
  remove(projectId: string): void {
    inTransaction(this.db, () => deleteProject(this.db, projectId));
  }

  update(params: ParamsOf<typeof UpdateProject>): Project {
    return inTransaction(this.db, () => {
      const current = this.get(params.projectId);
      if (
        params.name &&
        params.name !== current.name &&
        isProjectNameTaken(this.db, current.organizationId, params.name)
      ) {
        throw conflict(`a project named "${params.name}" exists in this organization`, { field: 'name' });
      }
      const registry = params.registry
        ? {
            url: params.registry.url,
            credentials: params.registry.credentials?.kind ?? current.registry.credentials,
          }
        : current.registry;
      if (params.registry?.credentials)
        saveRegistryCredentials(this.db, current.id, params.registry.credentials);
      const updated: Project = {
        ...current,
        name: params.name ?? current.name,
        registry,
        domainProvider: params.domainProvider ?? current.domainProvider,
        configuration: { ...current.configuration, ...params.configuration },
        updatedAt: nowIso(),
      };
      saveProject(this.db, updated);
      return updated;
    });
  }

  /**
   * The danger zone: once the code is typed back, every teardown releases what it owns of the project
   * (final backups first unless skipped), then the project and its rows go in one transaction.
   */
  async delete(projectId: string, confirmCode: string, skipFinalBackups: boolean): Promise<void> {
    const project = this.get(projectId);
    if (confirmCode !== project.code) {
      throw invalidField(['confirmCode'], `does not match the project code; type ${project.code} to confirm`);
    }
    // A run's playbook acts on the environments being torn down, and its rows would go with the project's:
    // refused, as an app's pending job is, before any teardown (final backups included) starts.
    const runner = findPendingRunnerJob(this.db, projectId);
    if (runner)
      throw conflict('a runner run of the project is pending; cancel it first', { jobId: runner.id });
    for (const teardown of this.teardowns) await teardown.tearDown(project, { skipFinalBackups });
    inTransaction(this.db, () => {
      // Its final backups stay in the organization's catalog (backups/listDeletedProjects).
      recordDeletedProject(this.db, {
        id: project.id,
        organizationId: project.organizationId,
        name: project.name,
        code: project.code,
        deletedAt: nowIso(),
      });
      deleteProject(this.db, projectId);
    });
  }
}
