import {
  BuildConfigurationSchema,
  DomainProviderSchema,
  RegistryCredentialsSchema,
  type Project,
} from '@paas/protocol';
import type { z } from 'zod';
import { storeSecrets, type Db } from './database';
import { readJson } from './json';

export type RegistryCredentials = z.infer<typeof RegistryCredentialsSchema>;

interface ProjectRow {
  id: string;
  organization_id: string;
  name: string;
  code: string;
  deployment_type: 'odoo';
  registry_url: string;
  registry_credentials_kind: Project['registry']['credentials'];
  domain_provider: string;
  plan_tier: Project['plan']['tier'];
  plan_billing: Project['plan']['billing'];
  configuration: string;
  created_at: string;
  updated_at: string;
}

function toProject(row: ProjectRow): Project {
  return {
    id: row.id,
    organizationId: row.organization_id,
    name: row.name,
    code: row.code,
    deploymentType: row.deployment_type,
    registry: { url: row.registry_url, credentials: row.registry_credentials_kind },
    domainProvider: readJson(DomainProviderSchema, row.domain_provider),
    plan: { tier: row.plan_tier, billing: row.plan_billing },
    configuration: readJson(BuildConfigurationSchema, row.configuration),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toRow(project: Project): ProjectRow {
  return {
    id: project.id,
    organization_id: project.organizationId,
    name: project.name,
    code: project.code,
    deployment_type: project.deploymentType,
    registry_url: project.registry.url,
    registry_credentials_kind: project.registry.credentials,
    domain_provider: JSON.stringify(project.domainProvider),
    plan_tier: project.plan.tier,
    plan_billing: project.plan.billing,
    configuration: JSON.stringify(project.configuration),
    created_at: project.createdAt,
    updated_at: project.updatedAt,
  };
}

export function insertProject(db: Db, project: Project): void {
  db.prepare(
    `INSERT INTO projects (id, organization_id, name, code, deployment_type, registry_url, registry_credentials_kind,
       domain_provider, plan_tier, plan_billing, configuration, created_at, updated_at)
     VALUES (@id, @organization_id, @name, @code, @deployment_type, @registry_url, @registry_credentials_kind,
       @domain_provider, @plan_tier, @plan_billing, @configuration, @created_at, @updated_at)`,
  ).run(toRow(project));
}

/** Writes every field of an existing project (read-modify-write inside the caller's transaction). */
export function saveProject(db: Db, project: Project): void {
  db.prepare(
    `UPDATE projects SET name = @name, registry_url = @registry_url, registry_credentials_kind = @registry_credentials_kind,
       domain_provider = @domain_provider, plan_tier = @plan_tier, plan_billing = @plan_billing,
       configuration = @configuration, updated_at = @updated_at
     WHERE id = @id`,
  ).run(toRow(project));
}

export function findProject(db: Db, id: string): Project | undefined {
  const row = db.prepare('SELECT * FROM projects WHERE id = ?').get(id) as ProjectRow | undefined;
  return row && toProject(row);
}

export function listProjects(db: Db, organizationId?: string): Project[] {
  const rows = organizationId
    ? db.prepare('SELECT * FROM projects WHERE organization_id = ? ORDER BY name').all(organizationId)
    : db.prepare('SELECT * FROM projects ORDER BY name').all();
  return (rows as ProjectRow[]).map(toProject);
}

export function isProjectCodeTaken(db: Db, code: string): boolean {
  return db.prepare('SELECT 1 FROM projects WHERE code = ?').get(code) !== undefined;
}

export function isProjectNameTaken(db: Db, organizationId: string, name: string): boolean {
  return (
    db.prepare('SELECT 1 FROM projects WHERE organization_id = ? AND name = ?').get(organizationId, name) !==
    undefined
  );
}

/** Stores the registry secret apart from the project row; only the git adapter's caller reads it back. */
export function saveRegistryCredentials(db: Db, projectId: string, credentials: RegistryCredentials): void {
  db.prepare(
    `INSERT INTO project_secrets (project_id, registry_credentials) VALUES (?, ?)
     ON CONFLICT (project_id) DO UPDATE SET registry_credentials = excluded.registry_credentials`,
  ).run(projectId, storeSecrets(db).seal(JSON.stringify(credentials)));
}

export function readRegistryCredentials(db: Db, projectId: string): RegistryCredentials {
  const row = db
    .prepare('SELECT registry_credentials FROM project_secrets WHERE project_id = ?')
    .get(projectId) as { registry_credentials: string } | undefined;
  return row
    ? readJson(RegistryCredentialsSchema, storeSecrets(db).open(row.registry_credentials))
    : { kind: 'none' };
}

/** Deletes a project; its environments, secrets and collaborator grants go with it (ON DELETE CASCADE). */
export function deleteProject(db: Db, id: string): void {
  db.prepare('DELETE FROM projects WHERE id = ?').run(id);
}
