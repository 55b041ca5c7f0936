import {
  DashboardPanel,
  auditLogBackend,
  backupsBackend,
  collaboratorsBackend,
  pricingBackend,
  queueBackend,
  settingsBackend,
  showAuditLog,
  showBackups,
  showCollaborators,
  showPricing,
  showQueue,
  showSettings,
  showWorkflows,
  workflowsBackend,
} from '../../webviews/index';
import { dashboardDeps, projectScreenCommand, screenDeps } from './projectScreens';

/** The project dashboard: environments, server metrics and app cards, live. */
export const openDashboard = projectScreenCommand('paas.project.openDashboard', (context, ref) =>
  DashboardPanel.show(dashboardDeps(context), ref),
);

/** Users and teams with a role on the project. */
export const showCollaboratorsCommand = projectScreenCommand('paas.project.collaborators', (context, ref) =>
  showCollaborators({ ...screenDeps(context), backend: collaboratorsBackend(context) }, ref),
);

/** Who did what on the project: the filterable, paginated audit log. */
export const showAuditLogCommand = projectScreenCommand('paas.project.auditLog', (context, ref) =>
  showAuditLog({ ...screenDeps(context), backend: auditLogBackend(context) }, ref),
);

/** The project's backup catalog: restore, delete, download and importing an Odoo zip. */
export const showBackupsCommand = projectScreenCommand('paas.project.backups', (context, ref) =>
  showBackups({ ...screenDeps(context), backend: backupsBackend(context) }, ref),
);

/** The plan and the danger zone. */
export const showSettingsCommand = projectScreenCommand('paas.project.settings', (context, ref) =>
  showSettings({ ...screenDeps(context), backend: settingsBackend(context) }, ref),
);

/** The project's pending jobs, live, with cancel where the role allows. */
export const openQueue = projectScreenCommand('paas.project.openQueue', (context, ref) =>
  showQueue({ ...screenDeps(context), backend: queueBackend(context) }, ref),
);

/** The history of finished jobs: filterable, each with its steps, durations and logs. */
export const openWorkflows = projectScreenCommand('paas.project.openWorkflows', (context, ref) =>
  showWorkflows({ ...screenDeps(context), backend: workflowsBackend(context) }, ref),
);

/** The plan, usage against its limits, and changing plan or billing period. */
export const openPricing = projectScreenCommand('paas.project.openPricing', (context, ref) =>
  showPricing({ ...screenDeps(context), backend: pricingBackend(context) }, ref),
);
