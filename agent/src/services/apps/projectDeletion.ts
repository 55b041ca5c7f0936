import { conflict, invalidField } from '../../errors';
import { listApps } from '../../store/apps';
import { inTransaction } from '../../store/database';
import { findPendingJob } from '../../store/jobs';
import { deleteProject } from '../../store/projects';
import type { AppDeps } from './deps';
import type { AppLifecycle } from './lifecycle';

/**
 * The danger zone's project deletion: every app is destroyed (containers, databases, filestores), then the
 * project's mirror and the project itself. Refused while a job runs, so nothing is half-deleted under it.
 */
export async function deleteProjectWithApps(
  deps: AppDeps,
  lifecycle: AppLifecycle,
  projectId: string,
  confirmCode: string,
): Promise<string[]> {
  const project = deps.apps.project(projectId);
  if (confirmCode !== project.code) throw invalidField(['confirmCode'], 'must equal the project code');
  const apps = listApps(deps.db, { projectId, includeDisabled: true });
  const busy = apps.find((app) => findPendingJob(deps.db, app.id));
  if (busy) throw conflict(`app ${busy.name} has a pending job; cancel it first`, { appId: busy.id });
  for (const app of apps) await lifecycle.destroy(app.id, app.name);
  await deps.mirrors.removeMirror(project.code, (path) => deps.files.remove(path));
  inTransaction(deps.db, () => deleteProject(deps.db, projectId));
  return apps.map((app) => app.id);
}
