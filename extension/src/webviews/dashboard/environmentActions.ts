import {
  DeployApp,
  DestroyApp,
  GetProject,
  ListApps,
  ListRegistryBranches,
  UpdateEnvironment,
  type Automation,
  type Environment,
  type EnvironmentType,
} from '@paas/protocol';
import * as vscode from 'vscode';
import type { AgentConnection } from '../../client/agentConnection';
import { runAppJob } from '../../commands/app/runAppJob';
import { required, type CommandContext } from '../../commands/command';
import { environmentLabel } from '../../views/projects/environmentNode';
import type { ProjectRef } from '../messages/dashboard';
import { connectProject } from '../shared/projectConnection';

/** The project's environment of a type; `undefined` when the project has none. */
export async function environmentOf(
  connection: AgentConnection,
  ref: ProjectRef,
  type: EnvironmentType,
): Promise<Environment | undefined> {
  const { environments } = await connection.request(GetProject, { projectId: ref.projectId });
  return environments.find((environment) => environment.type === type);
}

async function requireEnvironment(connection: AgentConnection, ref: ProjectRef, type: EnvironmentType) {
  const environment = await environmentOf(connection, ref, type);
  if (!environment) throw new Error(`the project has no ${environmentLabel(type)} environment`);
  return environment;
}

/** Asks for a branch among the registry's (`projects/branches`), or typed when the agent cannot list them. */
async function askBranch(connection: AgentConnection, ref: ProjectRef): Promise<string> {
  if (!connection.session?.methods.has(ListRegistryBranches.method))
    return required(await vscode.window.showInputBox({ prompt: 'The branch to deploy' })).trim();
  const { branches } = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'PaaS.sh: reading the branches…' },
    () => connection.request(ListRegistryBranches, { projectId: ref.projectId }),
  );
  return required(await vscode.window.showQuickPick(branches, { placeHolder: 'The branch to deploy' }));
}

/** New app: a branch of the registry deployed in the environment, followed like any deploy. */
export async function createApp(
  context: CommandContext,
  ref: ProjectRef,
  type: EnvironmentType,
): Promise<void> {
  const { connection } = await connectProject(context, ref);
  const environment = await requireEnvironment(connection, ref, type);
  const branch = await askBranch(connection, ref);
  const name = required(
    await vscode.window.showInputBox({
      title: `PaaS.sh: new ${environmentLabel(type)} app`,
      prompt: 'The app name (unique in the project)',
      value: branch.replace(/\//g, '-'),
      validateInput: (value) => (value.trim() === '' ? 'enter a name' : undefined),
    }),
  );
  const { app, jobId } = await connection.request(DeployApp, { environmentId: environment.id, name, branch });
  void runAppJob({ serverId: ref.serverId, connection, app }, jobId, 'Deploying');
}

const TOGGLES: readonly { key: 'autoInstall' | 'ocaQueue' | 'coverage' | 'cleanDatabase'; label: string }[] =
  [
    { key: 'autoInstall', label: 'Install new addons automatically' },
    { key: 'ocaQueue', label: 'Run the OCA queue_job runner' },
    { key: 'coverage', label: 'Measure test coverage' },
    { key: 'cleanDatabase', label: 'Build on a fresh database' },
  ];

/** Automate environment: which modules updates touch, and the build switches (`environments/update`). */
export async function automateEnvironment(
  context: CommandContext,
  ref: ProjectRef,
  type: EnvironmentType,
): Promise<void> {
  const { connection } = await connectProject(context, ref);
  const environment = await requireEnvironment(connection, ref, type);
  const current = environment.automation;
  const updateType = required(
    await vscode.window.showQuickPick(
      [
        { label: 'Modules whose version changed', value: 'changedVersions' as const },
        { label: 'Every installed module', value: 'all' as const },
        { label: 'No module update (code only)', value: 'none' as const },
      ].map((item) => ({ ...item, picked: item.value === current.updateType })),
      {
        title: `PaaS.sh: automate ${environmentLabel(type)} (1/2)`,
        placeHolder: 'Updates run the module update for…',
      },
    ),
  ).value;
  const toggles = required(
    await vscode.window.showQuickPick(
      TOGGLES.map((t) => ({ label: t.label, key: t.key, picked: current[t.key] })),
      { title: `PaaS.sh: automate ${environmentLabel(type)} (2/2)`, canPickMany: true },
    ),
  );
  const chosen = new Set(toggles.map((t) => t.key));
  const automation: Partial<Automation> = { updateType };
  for (const t of TOGGLES) automation[t.key] = chosen.has(t.key);
  await connection.request(UpdateEnvironment, { environmentId: environment.id, automation });
}

/**
 * Destroy: the protocol cannot delete an environment, so this destroys every app in it (containers,
 * databases, filestores), after the environment's name is typed back; the empty environment stays.
 */
export async function destroyEnvironment(
  context: CommandContext,
  ref: ProjectRef,
  type: EnvironmentType,
): Promise<void> {
  const { connection } = await connectProject(context, ref);
  const environment = await requireEnvironment(connection, ref, type);
  const { apps } = await connection.request(ListApps, {
    projectId: ref.projectId,
    environmentId: environment.id,
    includeDisabled: true,
  });
  const label = environmentLabel(type);
  if (apps.length === 0) {
    void vscode.window.showInformationMessage(`PaaS.sh: ${label} has no apps to destroy.`);
    return;
  }
  required(
    await vscode.window.showInputBox({
      title: `PaaS.sh: destroy every app of ${label}`,
      prompt: `Destroys ${apps.map((a) => a.name).join(', ')}: containers, databases and filestores. Cannot be undone. Type "${label}" to confirm.`,
      validateInput: (value) => (value === label ? undefined : `type ${label}`),
    }),
  );
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `PaaS.sh: destroying the apps of ${label}…` },
    async () => {
      for (const app of apps)
        await connection.request(DestroyApp, {
          appId: app.id,
          confirmName: app.name,
          skipFinalBackup: false,
        });
    },
  );
}
