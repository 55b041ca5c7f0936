import { showProjectInfo } from '../../webviews/index';
import type { Command } from '../command';
import { chooseProject } from './chooseProject';

/** Opens the Project Info screen (General Info and Configuration) of a project. */
export const showProjectInfoCommand: Command = {
  id: 'paas.project.showInfo',
  async run(context, target?: unknown): Promise<string> {
    const ref = await chooseProject(context, target);
    const screen = showProjectInfo(
      {
        extensionUri: context.extension.extensionUri,
        log: context.log,
        agent: async (serverId) => {
          const session = await context.connections.whenConnected(serverId);
          const permissions = context.data.permissions(serverId, ref.projectId) ?? session.permissions;
          if (!permissions) throw new Error('the agent reported no permissions for this project');
          return { agent: context.connections.get(serverId)!, permissions };
        },
      },
      ref,
    );
    return screen.panel.viewType;
  },
};
