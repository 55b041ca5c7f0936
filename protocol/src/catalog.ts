import type { NotificationType, RequestType } from './define';
import { ListServers, Ping } from './agent';
import { CreateEnvironment, ListEnvironments, UpdateEnvironment } from './environments';
import { Initialize } from './initialize';
import { CreateProject, DeleteProject, GetProject, ListProjects, UpdateProject } from './projects';
import {
  AppDidChange,
  AppDidLog,
  DeployApp,
  DestroyApp,
  DisableApp,
  EnableApp,
  GetApp,
  ListApps,
  RestartApp,
  RetryApp,
  StartApp,
  StopApp,
  StopAppLogs,
  StreamAppLogs,
  UpdateApp,
} from './apps';
import { CancelJob, GetJob, JobDidProgress, ListJobs } from './jobs';
import {
  CreateDatabase,
  DropDatabase,
  DuplicateDatabase,
  ListDatabases,
  ListDatabaseServers,
  RegisterDatabaseServer,
  RemoveDatabaseServer,
} from './databases';
import { GetReconcileReport } from './reconcile';

/**
 * Every request the agent answers, in README order. A request missing here has no handler and no
 * documentation: the agent refuses to start when a listed request has no handler.
 */
export const REQUESTS: readonly RequestType[] = [
  Initialize,
  Ping,
  ListServers,
  ListProjects,
  GetProject,
  CreateProject,
  UpdateProject,
  DeleteProject,
  ListEnvironments,
  CreateEnvironment,
  UpdateEnvironment,
  ListApps,
  GetApp,
  DeployApp,
  UpdateApp,
  RetryApp,
  StopApp,
  StartApp,
  RestartApp,
  DisableApp,
  EnableApp,
  DestroyApp,
  StreamAppLogs,
  StopAppLogs,
  ListJobs,
  GetJob,
  CancelJob,
  RegisterDatabaseServer,
  ListDatabaseServers,
  RemoveDatabaseServer,
  ListDatabases,
  CreateDatabase,
  DropDatabase,
  DuplicateDatabase,
  GetReconcileReport,
];

/** Every notification either side may send. */
export const NOTIFICATIONS: readonly NotificationType[] = [AppDidChange, AppDidLog, JobDidProgress];
