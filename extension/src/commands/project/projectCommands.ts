import {
  DashboardPanel,
  auditLogBackend,
  backupsBackend,
  collaboratorsBackend,
  settingsBackend,
  showAuditLog,
  showBackups,
  showCollaborators,
  showSettings,
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
