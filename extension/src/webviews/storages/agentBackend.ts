import {
  AssignStorage,
  ErrorCode,
  GetProject,
  ListBackups,
  ListStorages,
  RpcError,
  TestStorage,
  type Backup,
} from '@paas/protocol';
import type { AgentConnection } from '../../client/agentConnection';
import type { CommandContext } from '../../commands/command';
import { accessViewOf } from '../shared/access';
import type { ProjectKey } from '../shared/panels';
import { connectProject } from '../shared/projectConnection';
import { toStorageViews } from './mapping';
import type { StoragesBackend } from './panel';

/** How many catalog pages the per-storage counts read at most (500 backups a page). */
const MAX_PAGES = 10;

/** The project's catalog (deleted backups left out), for counting what each storage keeps of it. */
async function projectBackups(connection: AgentConnection, ref: ProjectKey): Promise<Backup[]> {
  const all: Backup[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const { backups, nextCursor } = await connection.request(ListBackups, {
      projectId: ref.projectId,
      includeDeleted: false,
      limit: 500,
      ...(cursor ? { cursor } : {}),
    });
    all.push(...backups);
    if (!nextCursor) break;
    cursor = nextCursor;
  }
  return all;
}

/** Storages over `storages/list`, with the project's assignment (`storages/assign`) and `storages/test`. */
export function storagesBackend(context: CommandContext): StoragesBackend {
  return {
    async load(ref) {
      const { connection, permissions } = await connectProject(context, ref);
      const [{ project }, { storages }, backups] = await Promise.all([
        connection.request(GetProject, { projectId: ref.projectId }),
        connection.request(ListStorages, {}),
        projectBackups(connection, ref),
      ]);
      return {
        access: accessViewOf(permissions),
        projectName: project.name,
        storages: toStorageViews(storages, ref.projectId, backups),
      };
    },
    async assign(ref, storageId) {
      const { connection } = await connectProject(context, ref);
      await connection.request(AssignStorage, { projectId: ref.projectId, storageId });
    },
    async test(ref, storageId) {
      const { connection } = await connectProject(context, ref);
      try {
        const { durationMs } = await connection.request(TestStorage, { projectId: ref.projectId, storageId });
        return { storageId, ok: true, message: `Connected and writable (${durationMs} ms).` };
      } catch (error) {
        // The storage did not answer: that is the test's outcome, shown on its row.
        if (error instanceof RpcError && error.code === ErrorCode.Unavailable)
          return { storageId, ok: false, message: error.message };
        throw error;
      }
    },
  };
}
