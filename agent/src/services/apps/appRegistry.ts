import { AppDidChange, type App, type Project } from '@paas/protocol';
import { notFound } from '../../errors';
import { nowIso } from '../../ids';
import { findApp, saveApp, type AppRecord } from '../../store/apps';
import { inTransaction, type Db } from '../../store/database';
import { findPendingJob } from '../../store/jobs';
import { findProject } from '../../store/projects';
import type { Notifier } from '../notifier';
import { appView } from './appView';

/** Reads and writes apps, announcing every change to clients (`apps/didChange`). */
export class AppRegistry {
  constructor(
    private readonly db: Db,
    private readonly notifier: Notifier,
    private readonly urlHost: string,
  ) {}

  get(appId: string): AppRecord {
    const app = findApp(this.db, appId);
    if (!app) throw notFound('app', appId);
    return app;
  }

  project(projectId: string): Project {
    const project = findProject(this.db, projectId);
    if (!project) throw notFound('project', projectId);
    return project;
  }

  view(app: AppRecord): App {
    return appView(
      app,
      this.project(app.projectId),
      findPendingJob(this.db, app.id)?.id ?? null,
      this.urlHost,
    );
  }

  /** Applies a change to the stored app (read-modify-write in one transaction) and announces it. */
  change(appId: string, change: Partial<AppRecord> | ((app: AppRecord) => Partial<AppRecord>)): AppRecord {
    const next = inTransaction(this.db, () => {
      const current = this.get(appId);
      const patch = typeof change === 'function' ? change(current) : change;
      const updated = { ...current, ...patch, updatedAt: nowIso() };
      saveApp(this.db, updated);
      return updated;
    });
    this.announce(next);
    return next;
  }

  announce(app: AppRecord, destroyed = false): void {
    this.notifier.broadcast(app.projectId, AppDidChange, { app: this.view(app), destroyed });
  }
}
