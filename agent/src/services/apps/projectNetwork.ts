import { findProject } from '../../store/projects';
import { networkLabels } from './containerSpec';
import type { AppDeps } from './deps';
import { projectNetworkName } from './names';

/**
 * Makes sure the project's network exists before one of its containers is created or started; resolves
 * its name. A network that went (`docker network prune` removes it while its containers are stopped) is
 * made again, and `stoppedContainer`, about to be started, joins the new one.
 */
export async function ensureProjectNetwork(
  deps: AppDeps,
  projectId: string,
  stoppedContainer?: string,
): Promise<string> {
  const project = findProject(deps.db, projectId);
  if (!project) throw new Error(`project ${projectId} is not in the store`);
  const network = projectNetworkName(project.code);
  const created = await deps.docker.ensureNetwork(network, networkLabels(deps.serverId, project.id));
  if (created && stoppedContainer) await deps.docker.rejoinNetwork(stoppedContainer, network);
  return network;
}
