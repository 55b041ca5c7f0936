import type { NotificationType, RequestType } from './define';
import { ListServers, Ping } from './agent';
import {
  BackupDidChange,
  BackupDidProgress,
  CreateBackup,
  DeleteBackup,
  GetBackup,
  GetBackupSchedule,
  ListBackups,
  RestoreBackup,
  SetBackupSchedule,
  VerifyBackup,
} from './backups';
import { AssignStorage, CreateStorage, DeleteStorage, ListStorages, UpdateStorage } from './storages';
import { CreateEnvironment, ListEnvironments, UpdateEnvironment } from './environments';
import { Initialize } from './initialize';
import { CreateProject, GetProject, ListProjects, UpdateProject } from './projects';

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
  ListEnvironments,
  CreateEnvironment,
  UpdateEnvironment,
  ListBackups,
  GetBackup,
  CreateBackup,
  DeleteBackup,
  RestoreBackup,
  VerifyBackup,
  GetBackupSchedule,
  SetBackupSchedule,
  ListStorages,
  CreateStorage,
  UpdateStorage,
  DeleteStorage,
  AssignStorage,
];

/** Every notification either side may send. */
export const NOTIFICATIONS: readonly NotificationType[] = [BackupDidChange, BackupDidProgress];
