import {
  errorCodeName,
  type AuditEntry,
  type Backup,
  type Collaborator,
  type Plan,
  type Team,
} from '@paas/protocol';
import type { AuditEntryView, AuditFilter } from '../messages/auditLog';
import type { BackupView } from '../messages/backups';
import type { CollaboratorView, TeamOption } from '../messages/collaborators';
import type { PlanView } from '../messages/createProject';

/** Protocol results as the project screens' view-models: pure, so they are unit-tested. */

const TIER_NAMES: Readonly<Record<Plan['tier'], string>> = {
  free: 'Free',
  essential: 'Essential',
  pro: 'Pro',
  premium: 'Premium',
};

/** A plan card: the protocol's plan and its display name. */
export function toPlanView(plan: Plan): PlanView {
  return { ...plan, name: TIER_NAMES[plan.tier] };
}

/** A collaborator row: the user or team flattened, with its role. */
export function toCollaboratorView(collaborator: Collaborator): CollaboratorView {
  const { grantee } = collaborator;
  const base = { id: collaborator.id, role: collaborator.role, addedAt: collaborator.createdAt };
  return grantee.kind === 'user'
    ? { ...base, kind: 'user', name: grantee.user.displayName, email: grantee.user.email, memberCount: null }
    : { ...base, kind: 'team', name: grantee.team.name, email: null, memberCount: grantee.team.memberCount };
}

/** The teams that can still be added: those without a grant on the project yet. */
export function teamOptions(teams: readonly Team[], collaborators: readonly Collaborator[]): TeamOption[] {
  const granted = new Set(
    collaborators.flatMap((c) => (c.grantee.kind === 'team' ? [c.grantee.team.id] : [])),
  );
  return teams
    .filter((team) => !granted.has(team.id))
    .map((team) => ({ id: team.id, name: team.name, memberCount: team.members.length }));
}

/** An audit row: who by email when known, the error by its stable name. */
export function toAuditEntryView(entry: AuditEntry): AuditEntryView {
  return {
    id: String(entry.id),
    at: entry.at,
    actor: entry.actorUser?.email ?? entry.actor,
    method: entry.action,
    target: entry.target,
    outcome: entry.outcome,
    errorCode: entry.errorCode === null ? null : errorCodeName(entry.errorCode),
  };
}

/** The screen's filter as `audit/list` params (the outcome is filtered by the extension, see `auditPage`). */
export function auditListParams(
  projectId: string,
  filter: AuditFilter,
): { projectId: string; actor?: string; action?: string; from?: string; to?: string } {
  return {
    projectId,
    ...(filter.actor ? { actor: filter.actor } : {}),
    ...(filter.method ? { action: filter.method } : {}),
    ...(filter.since ? { from: filter.since } : {}),
    ...(filter.until ? { to: filter.until } : {}),
  };
}

/** A catalog row. */
export function toBackupView(backup: Backup): BackupView {
  return {
    id: backup.id,
    appId: backup.appId,
    appName: backup.appName,
    environmentType: backup.environmentType,
    kind: backup.kind,
    state: backup.status,
    createdAt: backup.createdAt,
    sizeBytes: backup.sizeBytes,
    includesFilestore: (backup.files ?? 0) > 0,
    missingAttachments: backup.missingAttachments ?? 0,
  };
}
