import { appModuleHandlers } from './appModules';
import type { AppModules } from '../services/apps/appModules';
import type { ReconcileReport } from '@paas/protocol';
import type { Mailer } from '../adapters/mail/mailer';
import type { AgentConfig } from '../config';
import type { AppService } from '../services/apps/appService';
import type { AppLifecycle } from '../services/apps/lifecycle';
import type { LogStreams } from '../services/apps/logStreams';
import type { DatabaseServerService } from '../services/databaseServers';
import type { Mirrors } from '../services/apps/mirrors';
import type { JobService } from '../services/jobs/jobService';
import type { CollaboratorService } from '../services/collaborators';
import type { EnvironmentService } from '../services/environments';
import type { InvitationService } from '../services/invitations';
import type { MemberService } from '../services/members';
import type { OrganizationService } from '../services/organizations';
import type { PlanService } from '../services/plans';
import type { ProjectService } from '../services/projects';
import type { MetricsSampler } from '../services/metrics/sampler';
import type { TeamService } from '../services/teams';
import type { Db } from '../store/database';
import { findOrganization } from '../store/organizations';
import { permissionsHandler } from './access';
import { listServersHandler, pingHandler } from './agent';
import { appHandlers } from './apps';
import { auditHandler } from './audit';
import { collaboratorHandlers } from './collaborators';
import { backupHandlers, type BackupHandlerServices } from './backups';
import { storageHandlers } from './storages';
import type { StorageService } from '../services/backups/storageService';
import type { FinalBackups } from '../services/backups/finalBackups';
import { databaseHandlers } from './databases';
import { environmentHandlers } from './environments';
import type { Handler } from './handler';
import { initializeHandler } from './initialize';
import { invitationHandlers } from './invitations';
import { jobHandlers } from './jobs';
import { memberHandlers } from './members';
import { organizationHandlers } from './organizations';
import { planHandlers } from './plans';
import { projectHandlers } from './projects';
import { metricsHistoryHandler, subscribeMetricsHandler, unsubscribeMetricsHandler } from './metrics';
import { teamHandlers } from './teams';

import { runnerHandlers } from './runners';
import type { RunnerService } from '../services/runners/runnerService';
/** What handlers are built from: the agent's services, wired once in main.ts. */
export interface HandlerServices {
  readonly db: Db;
  readonly serverId: string;
  readonly projects: ProjectService;
  readonly environments: EnvironmentService;
  readonly metrics: MetricsSampler;
  readonly organizations: OrganizationService;
  readonly members: MemberService;
  readonly invitations: InvitationService;
  readonly teams: TeamService;
  readonly collaborators: CollaboratorService;
  readonly plans: PlanService;
  readonly mailer: Mailer;
  readonly backups: BackupHandlerServices;
  readonly finalBackups: FinalBackups;
  readonly storages: StorageService;
  readonly apps: AppService;
  readonly appModules: AppModules;
  readonly lifecycle: AppLifecycle;
  readonly logStreams: LogStreams;
  readonly jobs: JobService;
  readonly databaseServers: DatabaseServerService;
  readonly mirrors: Mirrors;
  readonly runners: RunnerService;
  readonly lastReconcile: () => ReconcileReport | null;
  /** Who may create organizations (the `organizationCreation` setting). */
  readonly organizationCreation: AgentConfig['organizationCreation'];
}

/** The table of every handler; the dispatcher refuses to start if a protocol request has none. */
export function createHandlers(services: HandlerServices): Handler[] {
  const organizationName = (id: string) => findOrganization(services.db, id)?.name ?? id;
  return [
    initializeHandler(services.serverId, services.db, services.organizations, {
      runners: services.runners.enabled,
    }),
    pingHandler,
    listServersHandler(services.db),
    permissionsHandler,
    ...organizationHandlers(services.organizations, services.organizationCreation),
    ...memberHandlers(services.organizations, services.members),
    ...invitationHandlers(services.invitations, services.mailer, organizationName),
    ...teamHandlers(services.teams),
    ...projectHandlers(services.projects, services.environments, services.apps, services.mirrors),
    ...collaboratorHandlers(services.collaborators),
    ...planHandlers(services.plans),
    ...environmentHandlers(services.environments),
    subscribeMetricsHandler(services.metrics, services.serverId, services.db),
    unsubscribeMetricsHandler(services.metrics),
    metricsHistoryHandler(services.metrics, services.serverId, services.db),
    auditHandler(services.db),
    ...backupHandlers(services.backups),
    ...storageHandlers(services.storages),
    ...appHandlers(
      services.apps,
      services.lifecycle,
      services.logStreams,
      services.environments,
      services.finalBackups,
    ),
    ...jobHandlers(services.jobs, services.environments),
    ...databaseHandlers(services.databaseServers, services.db, services.lastReconcile),
    ...runnerHandlers(services.runners),
    ...appModuleHandlers(services.apps, services.appModules),
  ];
}
