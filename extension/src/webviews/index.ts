/** The webview panels; `extension.ts` registers the dashboard serializer and opens the others from commands. */
export { DashboardPanel, type DashboardDeps } from './dashboard/panel';
export type { DashboardBackend, DashboardLiveEvent } from './dashboard/backend';
export { cpuHistoryOf, toServerCard, type ServerSampleLike } from './dashboard/mapping';
export { showCreateProject, type CreateProjectBackend, type CreateProjectDeps } from './createProject/panel';
export { showProjectInfo, type ProjectInfoDeps } from './projectInfo/panel';
export { showCollaborators, type CollaboratorsBackend, type CollaboratorsDeps } from './collaborators/panel';
export { showAuditLog, type AuditLogBackend, type AuditLogDeps } from './auditLog/panel';
export { showBackups, type BackupsBackend, type BackupsDeps } from './backups/panel';
export { showSettings, type SettingsBackend, type SettingsDeps } from './settings/panel';
export { accessViewOf } from './shared/access';
export type { AgentRequester, WebviewLog } from './shared/agent';
