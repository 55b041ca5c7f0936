/** The webview panels; the core opens them from commands and restores dashboards through the shell's serializer. */
export { DashboardPanel, type DashboardDeps } from './dashboard/panel';
export { dashboardBackend } from './dashboard/agentBackend';
export { showCreateProject } from './createProject/panel';
export { createProjectBackend } from './createProject/agentBackend';
export { showProjectInfo } from './projectInfo/panel';
export { showCollaborators } from './collaborators/panel';
export { collaboratorsBackend } from './collaborators/agentBackend';
export { showAuditLog } from './auditLog/panel';
export { auditLogBackend } from './auditLog/agentBackend';
export { showBackups } from './backups/panel';
export { backupsBackend } from './backups/agentBackend';
export { showSettings } from './settings/panel';
export { settingsBackend } from './settings/agentBackend';
export { showRunners } from './runners/panel';
export { runnersBackend } from './runners/agentBackend';
export { WebviewTrace, type TracedMessage } from './shared/trace';
