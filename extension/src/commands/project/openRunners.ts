import { runnersBackend, showRunners } from '../../webviews/index';
import type { Command } from '../command';
import { chooseProject } from './chooseProject';
import { screenDeps } from './projectScreens';

/** The reason shown when the project's agent does not run playbooks. */
const RUNNERS_OFF =
  "runners are off on this project's agent: playbooks would run with the agent's rights, so an agent administrator turns them on with runnersEnabled";

/**
 * The project's Runners screen: run a playbook of its repository, follow its log, read past runs. Refused
 * when the agent reports runners off (`initialize` `capabilities.runners`), before any panel opens.
 */
export const openRunners: Command = {
  id: 'paas.project.openRunners',
  async run(context, target?: unknown): Promise<string> {
    const ref = await chooseProject(context, target);
    const session = await context.connections.whenConnected(ref.serverId);
    if (!session.runners) throw new Error(RUNNERS_OFF);
    return showRunners({ ...screenDeps(context), backend: runnersBackend(context) }, ref).panel.viewType;
  },
};
