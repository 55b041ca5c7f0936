import type { ReconcileReport } from '@paas/protocol';
import type { AppService } from '../services/apps/appService';
import type { AppLifecycle } from '../services/apps/lifecycle';
import type { LogStreams } from '../services/apps/logStreams';
import type { DatabaseServerService } from '../services/databaseServers';
import type { EnvironmentService } from '../services/environments';
import type { JobService } from '../services/jobs/jobService';
import type { ProjectService } from '../services/projects';
import type { Db } from '../store/database';
import { listServersHandler, pingHandler } from './agent';
import { appHandlers } from './apps';
import { databaseHandlers } from './databases';
import { environmentHandlers } from './environments';
import type { Handler } from './handler';
import { initializeHandler } from './initialize';
import { jobHandlers } from './jobs';
import { projectHandlers, type DeleteProjectWithApps } from './projects';

/** What handlers are built from: the agent's services, wired once in main.ts. */
export interface HandlerServices {
  readonly db: Db;
  readonly serverId: string;
  readonly projects: ProjectService;
  readonly environments: EnvironmentService;
  readonly apps: AppService;
  readonly lifecycle: AppLifecycle;
  readonly logStreams: LogStreams;
  readonly jobs: JobService;
  readonly databaseServers: DatabaseServerService;
  readonly deleteProject: DeleteProjectWithApps;
  readonly lastReconcile: () => ReconcileReport | null;
}

/** The table of every handler; the dispatcher refuses to start if a protocol request has none. */
export function createHandlers(services: HandlerServices): Handler[] {
  return [
    initializeHandler(services.serverId),
    pingHandler,
    listServersHandler(services.db),
    ...projectHandlers(services.projects, services.environments, services.apps, services.deleteProject),
    ...environmentHandlers(services.environments),
    ...appHandlers(services.apps, services.lifecycle, services.logStreams, services.environments),
    ...jobHandlers(services.jobs, services.environments),
    ...databaseHandlers(services.databaseServers, services.lastReconcile),
  ];
}
