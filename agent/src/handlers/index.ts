import type { EnvironmentService } from '../services/environments';
import type { ProjectService } from '../services/projects';
import type { Db } from '../store/database';
import { listServersHandler, pingHandler } from './agent';
import { backupHandlers, type BackupHandlerServices } from './backups';
import { storageHandlers } from './storages';
import type { StorageService } from '../services/backups/storageService';
import { environmentHandlers } from './environments';
import type { Handler } from './handler';
import { initializeHandler } from './initialize';
import { projectHandlers } from './projects';

/** What handlers are built from: the agent's services, wired once in main.ts. */
export interface HandlerServices {
  readonly db: Db;
  readonly serverId: string;
  readonly projects: ProjectService;
  readonly environments: EnvironmentService;
  readonly backups: BackupHandlerServices;
  readonly storages: StorageService;
}

/** The table of every handler; the dispatcher refuses to start if a protocol request has none. */
export function createHandlers(services: HandlerServices): Handler[] {
  return [
    initializeHandler(services.serverId),
    pingHandler,
    listServersHandler(services.db),
    ...projectHandlers(services.projects, services.environments),
    ...environmentHandlers(services.environments),
    ...backupHandlers(services.backups),
    ...storageHandlers(services.storages),
  ];
}
