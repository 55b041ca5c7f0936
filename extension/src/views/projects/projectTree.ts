import { ENVIRONMENT_TYPES, type EnvironmentType } from '@paas/protocol';
import type { ProjectMenuEntry } from './projectMenu';

/** The parts of a project the tree shows (the protocol's Project satisfies it). */
export interface TreeProject {
  id: string;
  name: string;
  registry: { url: string };
}

export interface TreeEnvironment {
  id: string;
  projectId: string;
  type: EnvironmentType;
  serverId: string;
}

export interface TreeApp {
  id: string;
  projectId: string;
  environmentId: string;
  name: string;
  branch: string;
  commitSha: string | null;
  odooVersion: string;
  state: string;
  disabled: boolean;
  url: string | null;
  pendingJobId: string | null;
  logStats?: { warnings: number; errors: number };
  lastError?: { code: string; message: string };
}

/** The state icon an app card shows. */
export type AppHealth = 'healthy' | 'warning' | 'error' | 'inProgress' | 'stopped';

const IN_PROGRESS = new Set(['queued', 'fetching', 'preparing', 'starting']);

/** Green check, warning triangle, error, spinner or stopped, as on the dashboard's app cards. */
export function appHealth(app: TreeApp): AppHealth {
  if (IN_PROGRESS.has(app.state) || (app.pendingJobId !== null && app.state !== 'stopped'))
    return 'inProgress';
  if (app.state === 'error' || app.state === 'canceled') return 'error';
  if (app.state === 'stopped' || app.disabled) return 'stopped';
  const errors = app.logStats?.errors ?? 0;
  return app.lastError || errors > 0 ? 'warning' : 'healthy';
}

export interface AppModel {
  kind: 'app';
  key: string;
  app: TreeApp;
  environmentType: EnvironmentType;
  health: AppHealth;
}

export interface VersionModel {
  kind: 'version';
  key: string;
  version: string;
  environmentType: EnvironmentType;
  active: number;
  archived: number;
  apps: AppModel[];
}

export interface EnvironmentModel {
  kind: 'environment';
  key: string;
  environment: TreeEnvironment;
  /** Apps running now. */
  deployed: number;
  /** Apps not disabled. */
  total: number;
  versions: VersionModel[];
}

export interface ProjectModel {
  kind: 'project';
  key: string;
  /** The configured server (agent) the project lives on. */
  serverKey: string;
  project: TreeProject;
  environments: EnvironmentModel[];
}

/** One entry of a project's menu (`projectMenu.ts`): a screen the node opens. */
export interface MenuEntryModel {
  kind: 'menuEntry';
  key: string;
  serverKey: string;
  projectId: string;
  entry: ProjectMenuEntry;
}

export type TreeModel = ProjectModel | EnvironmentModel | VersionModel | AppModel | MenuEntryModel;

export interface TreeInput {
  serverKey: string;
  projects: readonly TreeProject[];
  environments: readonly TreeEnvironment[];
  apps: readonly TreeApp[];
}

/** `19.0` before `18.0` before `saas~17.4` before `17.0`: newest series first. */
function compareVersionsDescending(a: string, b: string): number {
  const number = (v: string): number => Number(v.replace(/^saas~/, ''));
  return number(b) - number(a) || a.localeCompare(b);
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

function versionModels(
  envKey: string,
  type: EnvironmentType,
  apps: readonly TreeApp[],
  showDisabled: boolean,
): VersionModel[] {
  const byVersion = groupBy(apps, (app) => app.odooVersion);
  return [...byVersion.keys()].sort(compareVersionsDescending).map((version) => {
    const all = byVersion.get(version)!;
    const key = `${envKey}/v:${version}`;
    const shown = showDisabled ? all : all.filter((app) => !app.disabled);
    return {
      kind: 'version',
      key,
      version,
      environmentType: type,
      active: all.filter((app) => !app.disabled).length,
      archived: all.filter((app) => app.disabled).length,
      apps: [...shown]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((app) => ({
          kind: 'app',
          key: `${key}/a:${app.id}`,
          app,
          environmentType: type,
          health: appHealth(app),
        })),
    };
  });
}

/**
 * Builds the Projects view's tree for one server: project → environment (production, staging,
 * development) → Odoo version (newest first) → app (by name). Disabled apps count as archived and are
 * left out unless `showDisabled`. Pure, so it is unit-tested and benchmarked without VS Code.
 */
export function buildProjectTree(input: TreeInput, options: { showDisabled: boolean }): ProjectModel[] {
  const environmentsByProject = groupBy(input.environments, (env) => env.projectId);
  const appsByEnvironment = groupBy(input.apps, (app) => app.environmentId);
  return [...input.projects]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((project) => {
      const key = `${input.serverKey}/p:${project.id}`;
      const environments = [...(environmentsByProject.get(project.id) ?? [])]
        .sort((a, b) => ENVIRONMENT_TYPES.indexOf(a.type) - ENVIRONMENT_TYPES.indexOf(b.type))
        .map((environment): EnvironmentModel => {
          const envKey = `${key}/e:${environment.id}`;
          const apps = appsByEnvironment.get(environment.id) ?? [];
          const active = apps.filter((app) => !app.disabled);
          return {
            kind: 'environment',
            key: envKey,
            environment,
            deployed: active.filter((app) => app.state === 'running').length,
            total: active.length,
            versions: versionModels(envKey, environment.type, apps, options.showDisabled).filter(
              (version) => version.apps.length > 0 || options.showDisabled,
            ),
          };
        });
      return { kind: 'project', key, serverKey: input.serverKey, project, environments };
    });
}

/** The children of a model node, for the tree data provider. */
export function childrenOf(node: TreeModel): TreeModel[] {
  switch (node.kind) {
    case 'project':
      return node.environments;
    case 'environment':
      return node.versions;
    case 'version':
      return node.apps;
    case 'app':
    case 'menuEntry':
      return [];
  }
}
