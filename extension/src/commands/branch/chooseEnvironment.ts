import type { Environment, EnvironmentType, Project } from '@paas/protocol';
import * as vscode from 'vscode';
import { allowedActions } from '../../views/contextValue';
import { environmentLabel } from '../../views/projects/environmentNode';
import { required, type CommandContext } from '../command';

/** The environment a new app for `branch` goes to: given, or picked among those the caller may create in. */
export async function chooseEnvironment(
  context: CommandContext,
  serverId: string,
  project: Project,
  branch: string,
  given: EnvironmentType | undefined,
): Promise<Environment> {
  const permissions = context.data.permissions(serverId, project.id);
  const environments = (context.data.snapshot(serverId)?.environments ?? []).filter(
    (env) => env.projectId === project.id && allowedActions(permissions, ['app.create'], env.type).length > 0,
  );
  if (given) {
    const environment = environments.find((env) => env.type === given);
    if (!environment) throw new Error(`${project.name} has no ${given} environment you may create apps in`);
    return environment;
  }
  if (environments.length === 0) throw new Error(`you may not create apps in ${project.name}`);
  const picked = await vscode.window.showQuickPick(
    environments.map((environment) => ({ label: environmentLabel(environment.type), environment })),
    { placeHolder: `${branch} has no app in ${project.name} yet: create one in which environment?` },
  );
  return required(picked).environment;
}
