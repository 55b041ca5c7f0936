import { createInterface } from 'node:readline';
import type { QueueRunner } from '@paas/protocol';
import { findApp, type AppRecord } from '../../store/apps';
import type { AppDeps } from './deps';
import { OdooLogParser, severityOf } from './odooLog';
import { queueRunnerAfter } from './queueRunnerLog';

const SAVE_EVERY_MS = 2000;
const RETRY_MS = 5000;

/** What a container's log told so far. */
interface LogCounts {
  warnings: number;
  errors: number;
  queueRunner: QueueRunner | null;
}

interface Watch {
  container: string;
  controller: AbortController;
}

/**
 * The seeds' log stats badges: counts of WARNING and ERROR records an app's current container logged.
 * A container is one revision, so its whole log is "since the last deploy". The log is followed; when
 * the stream ends (container stopped, engine restarted) it is read again from the start after a pause,
 * which recounts rather than double counts. The same lines tell the OCA queue_job runner's health
 * (queueRunnerLog.ts).
 */
export class LogStats {
  private readonly watches = new Map<string, Watch>();

  constructor(private readonly deps: AppDeps) {}

  /** Follows the app's current container; a no-op when it is already followed. */
  watch(app: AppRecord): void {
    if (!app.containerName) return;
    if (this.watches.get(app.id)?.container === app.containerName) return;
    this.unwatch(app.id);
    const watch = { container: app.containerName, controller: new AbortController() };
    this.watches.set(app.id, watch);
    void this.follow(app.id, watch);
  }

  unwatch(appId: string): void {
    this.watches.get(appId)?.controller.abort();
    this.watches.delete(appId);
  }

  closeAll(): void {
    for (const appId of [...this.watches.keys()]) this.unwatch(appId);
  }

  private async follow(appId: string, watch: Watch): Promise<void> {
    const { signal } = watch.controller;
    while (!signal.aborted) {
      try {
        await this.countOnce(appId, watch.container, signal);
      } catch (error) {
        this.deps.log.debug({ err: error, app: appId }, 'log stats stream failed');
      }
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS).unref());
      const app = findApp(this.deps.db, appId);
      if (!app || app.containerName !== watch.container) break;
    }
    if (this.watches.get(appId) === watch) this.watches.delete(appId);
  }

  private async countOnce(appId: string, container: string, signal: AbortSignal): Promise<void> {
    const counts: LogCounts = { warnings: 0, errors: 0, queueRunner: null };
    const database = findApp(this.deps.db, appId)?.databaseName ?? '';
    const parser = new OdooLogParser();
    const count = (lines: ReturnType<OdooLogParser['push']>): void => {
      for (const line of lines) {
        const severity = severityOf(line);
        if (severity === 'warning') counts.warnings++;
        if (severity === 'error') counts.errors++;
        counts.queueRunner = queueRunnerAfter(counts.queueRunner, line, database);
      }
    };
    const stream = await this.deps.docker.logs(container, { tail: 'all', follow: true }, signal);
    const timer = setInterval(() => this.save(appId, container, counts), SAVE_EVERY_MS);
    try {
      for await (const line of createInterface({ input: stream, crlfDelay: Infinity }))
        count(parser.push(line));
    } finally {
      clearInterval(timer);
      count(parser.flush());
      this.save(appId, container, counts);
    }
  }

  /** Stores and announces new counts, only for the container that is still the app's current one. */
  private save(appId: string, container: string, counts: LogCounts): void {
    const app = findApp(this.deps.db, appId);
    if (!app || app.containerName !== container) return;
    const { warnings, errors, queueRunner } = counts;
    if (app.logWarnings === warnings && app.logErrors === errors && app.queueRunner === queueRunner) return;
    this.deps.apps.change(appId, { logWarnings: warnings, logErrors: errors, queueRunner });
  }
}
