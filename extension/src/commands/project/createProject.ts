import * as vscode from 'vscode';
import { DashboardPanel, createProjectBackend, showCreateProject } from '../../webviews/index';
import { allowedActions } from '../../views/contextValue';
import { required, type Command, type CommandContext } from '../command';
import { dashboardDeps, screenDeps } from './projectScreens';

/** The agent to create the project on: given, the only one that allows it, or one the user picks. */
async function chooseCreationServer(context: CommandContext, target: unknown): Promise<string> {
  const given = (target as { serverId?: unknown } | undefined)?.serverId;
  if (typeof given === 'string') return given;
  context.connections.start();
  const candidates = context.connections
    .all()
    .filter((c) => allowedActions(c.session?.permissions, ['project.create']).length > 0);
  if (candidates.length === 0)
    throw new Error('no connected server lets you create projects (it needs the Admin role)');
  if (candidates.length === 1) return candidates[0]!.serverId;
  const picked = await vscode.window.showQuickPick(
    candidates.map((c) => ({
      label: context.store.get(c.serverId)?.name ?? c.serverId,
      serverId: c.serverId,
    })),
    { placeHolder: 'Create the project on which server?' },
  );
  return required(picked).serverId;
}

/** Opens the two-step project creation; the new project's dashboard opens once it exists. */
export const createProjectCommand: Command = {
  id: 'paas.project.create',
  async run(context, target?: unknown): Promise<string> {
    const serverId = await chooseCreationServer(context, target);
    const backend = createProjectBackend(context, serverId, async (projectId) => {
      DashboardPanel.show(dashboardDeps(context), { serverId, projectId });
    });
    return showCreateProject({ ...screenDeps(context), backend }).panel.viewType;
  },
};
