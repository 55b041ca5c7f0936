import type { NotificationType, RequestType } from './define';
import { GetPermissions } from './access';
import { ListServers, Ping } from './agent';
import { ListAuditEntries } from './audit';
import { AddCollaborator, ListCollaborators, RemoveCollaborator, UpdateCollaborator } from './collaborators';
import {
  BackupDidChange,
  CreateBackup,
  DeleteBackup,
  GetBackup,
  GetBackupSchedule,
  ImportBackup,
  ListBackups,
  RestoreBackup,
  SetBackupSchedule,
  VerifyBackup,
  ListDeletedProjectBackups,
} from './backups';
import {
  AssignStorage,
  CreateStorage,
  DeleteStorage,
  ListStorages,
  TestStorage,
  UpdateStorage,
} from './storages';
import { CreateEnvironment, ListEnvironments, UpdateEnvironment } from './environments';
import { Initialize } from './initialize';
import { DidSampleMetrics, MetricsHistory, SubscribeMetrics, UnsubscribeMetrics } from './metrics';
import {
  AcceptInvitation,
  CreateInvitation,
  ListInvitations,
  ListMembers,
  RemoveMember,
  RevokeInvitation,
  UpdateMemberRole,
} from './members';
import { CreateOrganization, ListOrganizations } from './organizations';
import { ChangePlan, GetPlanUsage, ListPlans } from './plans';
import {
  CreateProject,
  DeleteProject,
  GetProject,
  ListProjects,
  ListRegistryBranches,
  UpdateProject,
} from './projects';
import { CreateTeam, DeleteTeam, ListTeams, UpdateTeam } from './teams';
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
import { GetRunnerRun, ListPlaybooks, ListRunnerRuns, RunPlaybook, RunnerDidLog } from './runners';
import { DryRunUpdate, GetModuleDrift } from './appModules';

/**
 * Every request the agent answers, in README order. A request missing here has no handler and no
 * documentation: the agent refuses to start when a listed request has no handler.
 */
export const REQUESTS: readonly RequestType[] = [
  Initialize,
  Ping,
  ListServers,
  GetPermissions,
  ListOrganizations,
  CreateOrganization,
  ListMembers,
  UpdateMemberRole,
  RemoveMember,
  CreateInvitation,
  ListInvitations,
  RevokeInvitation,
  AcceptInvitation,
  ListTeams,
  CreateTeam,
  UpdateTeam,
  DeleteTeam,
  ListProjects,
  GetProject,
  CreateProject,
  UpdateProject,
  DeleteProject,
  ListRegistryBranches,
  ListCollaborators,
  AddCollaborator,
  UpdateCollaborator,
  RemoveCollaborator,
  ListPlans,
  ChangePlan,
  GetPlanUsage,
  ListEnvironments,
  CreateEnvironment,
  UpdateEnvironment,
  SubscribeMetrics,
  UnsubscribeMetrics,
  MetricsHistory,
  ListAuditEntries,
  ListBackups,
  GetBackup,
  CreateBackup,
  DeleteBackup,
  RestoreBackup,
  VerifyBackup,
  ListDeletedProjectBackups,
  ImportBackup,
  GetBackupSchedule,
  SetBackupSchedule,
  ListStorages,
  CreateStorage,
  UpdateStorage,
  DeleteStorage,
  AssignStorage,
  TestStorage,
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
  ListPlaybooks,
  RunPlaybook,
  ListRunnerRuns,
  GetRunnerRun,
  DryRunUpdate,
  GetModuleDrift,
];

/** Every notification either side may send. */
export const NOTIFICATIONS: readonly NotificationType[] = [
  DidSampleMetrics,
  BackupDidChange,
  AppDidChange,
  AppDidLog,
  JobDidProgress,
  RunnerDidLog,
];
