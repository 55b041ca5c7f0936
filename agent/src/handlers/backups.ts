import {
  type Action,
  CreateBackup,
  DeleteBackup,
  GetBackup,
  GetBackupSchedule,
  ImportBackup,
  ListBackups,
  ListDeletedProjectBackups,
  RestoreBackup,
  SetBackupSchedule,
  VerifyBackup,
} from '@paas/protocol';
import { actorOf } from '../caller';
import type { BackupJobs } from '../services/backups/backupJobs';
import type { BackupService } from '../services/backups/backupService';
import type { BackupScheduler } from '../services/backups/scheduler';
import { findEnvironment } from '../store/environments';
import { notFound } from '../errors';
import { listDeletedProjectBackups } from '../services/backups/deletedProjectBackups';
import { requireAction, type AuthorizationContext } from './authorize';
import { requireBackupAction } from './backupAccess';
import { defineHandler } from './handler';

export interface BackupHandlerServices {
  backups: BackupService;
  scheduler: BackupScheduler;
  /** Backups, restores and verifications queued as jobs. */
  jobs: BackupJobs;
}

/** `backups/*`: the catalog, taking, restoring and verifying backups (as jobs), schedules. */
export function backupHandlers({ backups, scheduler, jobs }: BackupHandlerServices) {
  const appScope = (appId: string) => {
    const target = backups.deps.apps.target(appId);
    return { projectId: target.projectId, environmentType: target.environmentType };
  };
  const requireOnBackup = (context: AuthorizationContext, action: Action, backupId: string) =>
    requireBackupAction(context, backups.deps.db, backups.get(backupId), action);
  const environmentScope = (environmentId: string) => {
    const environment = findEnvironment(backups.deps.db, environmentId);
    if (!environment) throw notFound('environment', environmentId);
    return { projectId: environment.projectId, environmentType: environment.type };
  };
  return [
    defineHandler({
      type: CreateBackup,
      authorize: (params, context) => requireAction(context, 'app.backup', appScope(params.appId)),
      handle: (params, context) => ({ job: jobs.backup(params.appId, actorOf(context.caller)) }),
      target: (params) => `app:${params.appId}`,
    }),
    defineHandler({
      type: ListBackups,
      authorize: (params, context) => requireAction(context, 'app.refresh', { projectId: params.projectId }),
      handle: (params) => backups.list(params),
    }),
    defineHandler({
      type: ListDeletedProjectBackups,
      authorize: (params, context) =>
        requireAction(context, 'deletedProject.backups', { organizationId: params.organizationId }),
      handle: (params) => listDeletedProjectBackups(backups, params),
    }),
    defineHandler({
      type: GetBackup,
      authorize: (params, context) => requireOnBackup(context, 'app.refresh', params.backupId),
      handle: (params) => {
        const record = backups.get(params.backupId);
        return { backup: backups.view(record), manifest: record.manifest };
      },
    }),
    defineHandler({
      type: DeleteBackup,
      authorize: (params, context) => requireOnBackup(context, 'backup.delete', params.backupId),
      handle: async (params) => ({ backup: backups.view(await backups.delete(params.backupId)) }),
      target: (params) => `backup:${params.backupId}`,
    }),
    defineHandler({
      type: RestoreBackup,
      // Restoring needs the restore right where the data comes from and where it goes: a Developer may
      // neither restore over production nor copy production's data into development (as downloading it
      // is refused to them).
      authorize: (params, context) => {
        requireOnBackup(context, 'backup.restore', params.backupId);
        requireAction(context, 'backup.restore', appScope(params.targetAppId));
      },
      handle: (params, context) => ({
        job: jobs.restore(
          params.backupId,
          params.targetAppId,
          { neutralize: params.neutralize, newIdentity: params.newIdentity },
          actorOf(context.caller),
        ),
      }),
      target: (params) => `app:${params.targetAppId}`,
    }),
    defineHandler({
      type: ImportBackup,
      // Importing makes a backup of the upload's app; then only the uploader's own upload is found.
      authorize: (params, context) => {
        const target = jobs.uploadScope(params.uploadId);
        requireAction(context, 'app.backup', {
          projectId: target.projectId,
          environmentType: target.environmentType,
        });
      },
      handle: (params, context) => ({
        job: jobs.import(params.uploadId, context.caller.userId, actorOf(context.caller)),
      }),
      target: (params) => `upload:${params.uploadId}`,
    }),
    defineHandler({
      type: VerifyBackup,
      authorize: (params, context) => requireOnBackup(context, 'app.backup', params.backupId),
      handle: (params, context) => ({ job: jobs.verify(params.backupId, actorOf(context.caller)) }),
      target: (params) => `backup:${params.backupId}`,
    }),
    defineHandler({
      type: GetBackupSchedule,
      authorize: (params, context) =>
        requireAction(context, 'app.refresh', environmentScope(params.environmentId)),
      handle: (params) => scheduler.schedule(params.environmentId),
    }),
    defineHandler({
      type: SetBackupSchedule,
      authorize: (params, context) =>
        requireAction(context, 'environment.automate', environmentScope(params.environmentId)),
      handle: (params) => {
        const { environmentId, ...change } = params;
        return { schedule: scheduler.update(environmentId, change) };
      },
      target: (params) => `environment:${params.environmentId}`,
    }),
  ];
}
