import * as vscode from 'vscode';
import type { ProjectKey } from '../../webviews/shared/panels';
import { required, type CommandContext } from '../command';

/** The project of a Projects view node or `{ serverId, projectId }`, else one the user picks. */
export async function chooseProject(context: CommandContext, target: unknown): Promise<ProjectKey> {
  const node = target as {
    serverKey?: unknown;
    serverId?: unknown;
    project?: { id?: unknown };
    projectId?: unknown;
  };
  const serverId = node?.serverKey ?? node?.serverId;
  const projectId = node?.project?.id ?? node?.projectId;
  if (typeof serverId === 'string' && typeof projectId === 'string') return { serverId, projectId };
  context.connections.start();
  const projects = context.connections.all().flatMap((c) =>
    (context.data.snapshot(c.serverId)?.projects ?? []).map((project) => ({
      serverId: c.serverId,
      project,
    })),
  );
  if (projects.length === 0) throw new Error('no project on the connected servers');
  const picked = await vscode.window.showQuickPick(
    projects.map((entry) => ({
      label: entry.project.name,
      description: `${entry.project.registry.url} · ${context.store.get(entry.serverId)?.name ?? ''}`,
      entry,
    })),
    { placeHolder: 'Choose a project' },
  );
  const chosen = required(picked).entry;
  return { serverId: chosen.serverId, projectId: chosen.project.id };
}
