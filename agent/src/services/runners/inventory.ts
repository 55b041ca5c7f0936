import type { Environment, Project } from '@paas/protocol';
import type { AppRecord } from '../../store/apps';
import type { AppRegistry } from '../apps/appRegistry';
import type { Layout } from '../apps/layout';

/** What a playbook knows about one app of the environment, under `paas_apps[<slug>]`. */
interface AppVars {
  name: string;
  branch: string;
  state: string;
  commit: string | null;
  container: string | null;
  database: string;
  url: string | null;
  /** Odoo's data_dir on the host (mounted at /var/lib/odoo in the container). */
  data_dir: string;
  /** The filestore of the app's database on the host. */
  filestore_dir: string;
  /** The running revision's checkout on the host (the project's addons), null before a deploy. */
  source_dir: string | null;
}

function appVars(app: AppRecord, registry: AppRegistry, layout: Layout): AppVars {
  return {
    name: app.name,
    branch: app.branch,
    state: app.state,
    commit: app.commitSha,
    container: app.containerName,
    database: app.databaseName,
    url: registry.view(app).url,
    data_dir: layout.data(app.id),
    filestore_dir: `${layout.filestores(app.id)}/${app.databaseName}`,
    source_dir: app.revision > 0 ? layout.source(app.id, app.revision) : null,
  };
}

/**
 * The inventory of a run: the environment's server is this agent's own host, reached with
 * `ansible_connection=local` (a single agent has no other servers; remote ones would be `ssh` hosts with
 * a managed key). The environment's apps are group variables, so a playbook's extra vars cannot be
 * mistaken for them: `paas_project`, `paas_environment`, `paas_apps` (by app slug).
 */
export function environmentInventory(
  project: Project,
  environment: Environment,
  apps: readonly AppRecord[],
  registry: AppRegistry,
  layout: Layout,
): unknown {
  return {
    all: {
      hosts: {
        localhost: {
          ansible_connection: 'local',
          ansible_python_interpreter: '{{ ansible_playbook_python }}',
        },
      },
      vars: {
        paas_project: { id: project.id, code: project.code, name: project.name },
        paas_environment: { id: environment.id, type: environment.type },
        paas_apps: Object.fromEntries(apps.map((app) => [app.slug, appVars(app, registry, layout)])),
      },
    },
  };
}
