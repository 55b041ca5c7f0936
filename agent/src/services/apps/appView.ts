import type { App, Project } from '@paas/protocol';
import type { AppRecord } from '../../store/apps';

/** The image an app runs: its own setting, else the project's, else the official `odoo:<version>`. */
export function effectiveImage(app: Pick<AppRecord, 'baseImage' | 'odooVersion'>, project: Project): string {
  return app.baseImage ?? project.configuration.baseImage ?? `odoo:${app.odooVersion}`;
}

/** The URL an app answers at: the agent's proxy on the app's stable port. */
export function appUrl(urlHost: string, port: number): string {
  const host = urlHost.includes(':') ? `[${urlHost}]` : urlHost;
  return `http://${host}:${port}`;
}

/** The protocol view of a stored app. */
export function appView(
  record: AppRecord,
  project: Project,
  pendingJobId: string | null,
  urlHost: string,
): App {
  const app: App = {
    id: record.id,
    projectId: record.projectId,
    environmentId: record.environmentId,
    environmentType: record.environmentType,
    name: record.name,
    slug: record.slug,
    branch: record.branch,
    commitSha: record.commitSha,
    odooVersion: record.odooVersion,
    edition: record.edition,
    baseImage: effectiveImage(record, project),
    state: record.state,
    url: record.revision > 0 ? appUrl(urlHost, record.publicPort) : null,
    disabled: record.disabled,
    serverId: record.serverId,
    databaseServerId: record.databaseServerId,
    databaseName: record.databaseName,
    revision: record.revision,
    pendingJobId,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    lastDeployedAt: record.lastDeployedAt,
    logStats: { warnings: record.logWarnings, errors: record.logErrors, since: record.logSince },
    neutralized: record.neutralized,
  };
  if (record.queueRunner) app.queueRunner = record.queueRunner;
  return record.lastError ? { ...app, lastError: record.lastError } : app;
}
