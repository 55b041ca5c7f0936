import type { ContainerEvent } from '../../adapters/docker/docker';
import { LABELS } from '../../adapters/docker/labels';
import { findAppByContainer, listApps, type AppRecord } from '../../store/apps';
import { findPendingJob } from '../../store/jobs';
import type { AppDeps } from './deps';
import { waitHealthy } from './health';

/** Codes of the app's `lastError` while its container is down on its own; the watcher clears only these. */
export const CONTAINER_DOWN_CODES = ['CONTAINER_EXITED', 'CONTAINER_OOM_KILLED', 'CONTAINER_REMOVED'];

/** Backoff of the agent's own restarts: 1 s, 2 s, 4 s, … up to a minute between attempts. */
const FIRST_RESTART_MS = 1000;
const MAX_RESTART_MS = 60_000;
/** A container that ran this long since its last start has recovered: its backoff starts over. */
const STABLE_MS = 60_000;
/** How long to wait before following the event stream again after the engine went away. */
const RECONNECT_MS = 1000;
/**
 * How long after a `die` the container is looked at: a restart through the API (`apps/restart`) is a `die`
 * and a `start` a moment apart, and is no failure.
 */
const SETTLE_MS = 1000;

/**
 * Per app: how many restarts in a row the agent made, when the container last started, Docker's restart
 * count then (a higher one later means Docker restarted it after a crash), a pending retry.
 */
interface RestartState {
  attempts: number;
  startedAt: number;
  dockerRestarts: number;
  timer?: NodeJS.Timeout;
}

/**
 * Follows the Docker engine's event stream for the agent's app containers, so an app whose container dies,
 * is killed for memory or is removed behind the agent's back shows `error` (with the engine's exit code)
 * and clients hear it (`apps/didChange`) within seconds; it shows `running` again once the container
 * answers its health path.
 *
 * Restart policy: app containers run under Docker's `unless-stopped` (containerSpec.ts), so Docker itself
 * restarts a crashed or OOM-killed one (the message says so, with Docker's restart count). Docker does not
 * restart a container stopped or killed through its API (`docker kill`): the agent starts it again itself,
 * with exponential backoff capped at a minute. Containers the agent took out of service itself (stop,
 * disable, restore, destroy: their proxy target is cleared first), old revisions and apps with a pending
 * job (the pipeline owns the containers then) are left alone.
 */
export class ContainerWatch {
  private readonly restarts = new Map<string, RestartState>();
  private readonly stopping = new AbortController();
  private following: Promise<void> | undefined;
  /** Health waits of containers that started again, followed beside the event stream. */
  private readonly recovering = new Set<Promise<void>>();

  constructor(private readonly deps: AppDeps) {}

  /** Starts following the engine's events; call once, after reconcile. */
  start(): void {
    this.following = this.follow();
  }

  async close(): Promise<void> {
    this.stopping.abort();
    for (const state of this.restarts.values()) clearTimeout(state.timer);
    await this.following;
    await Promise.all(this.recovering);
  }

  /** Follows the event stream, again and again: the engine restarting ends it. */
  private async follow(): Promise<void> {
    const signal = this.stopping.signal;
    const labels = [`${LABELS.managed}=true`, `${LABELS.server}=${this.deps.serverId}`];
    while (!signal.aborted) {
      try {
        const events = await this.deps.docker.events(labels, signal);
        this.deps.log.debug('following container events');
        await this.catchUp();
        for await (const event of events) await this.handle(event);
      } catch (error) {
        if (!signal.aborted) this.deps.log.warn({ err: error }, 'container events unavailable; retrying');
      }
      if (!signal.aborted) await new Promise((resolve) => setTimeout(resolve, RECONNECT_MS));
    }
  }

  /**
   * What happened while the stream was down (the engine restarted): a serving app whose container is not
   * running died unseen, one that runs again after an unseen death is back.
   */
  private async catchUp(): Promise<void> {
    for (const app of listApps(this.deps.db, { serverId: this.deps.serverId })) {
      const name = app.containerName;
      if (!name || !this.watched(name)) continue;
      const info = await this.deps.docker.inspect(name);
      if (info) this.restartState(app.id).dockerRestarts = info.restartCount;
      if (!info) await this.handle({ action: 'destroy', name, exitCode: null });
      else if (info.running) await this.handle({ action: 'start', name, exitCode: null });
      else if (info.state !== 'restarting')
        await this.handle({ action: 'die', name, exitCode: info.exitCode });
    }
  }

  /** The app whose current container `name` is, when the watcher is in charge of it now. */
  private watched(name: string): AppRecord | undefined {
    const app = findAppByContainer(this.deps.db, this.deps.serverId, name);
    if (!app || app.disabled || app.state === 'stopped') return undefined;
    if (findPendingJob(this.deps.db, app.id)) return undefined;
    return app;
  }

  private async handle(event: ContainerEvent): Promise<void> {
    const app = this.watched(event.name);
    if (!app) return;
    const work =
      event.action === 'start'
        ? this.recover(app)
        : event.action === 'die' || event.action === 'destroy'
          ? this.died(app, event)
          : undefined;
    await work?.catch((error: unknown) =>
      this.deps.log.warn({ err: error, app: app.id, event: event.action }, 'cannot follow a container event'),
    );
  }

  /** Follows a started container's health beside the event stream (a health wait takes minutes). */
  private recover(app: AppRecord): Promise<void> {
    const waiting = this.started(app)
      .catch((error: unknown) =>
        this.deps.log.warn({ err: error, app: app.id }, 'the app container started but is not healthy'),
      )
      .finally(() => this.recovering.delete(waiting));
    this.recovering.add(waiting);
    return Promise.resolve();
  }

  private async died(app: AppRecord, event: ContainerEvent): Promise<void> {
    // Taken out of service by the agent itself (stop, disable, restore, destroy clear the target first).
    if (typeof this.deps.proxy.targetOf(app.id) !== 'number') return;
    const state = this.restartState(app.id);
    if (event.action === 'destroy') {
      this.markDown(app, 'CONTAINER_REMOVED', `container ${app.containerName} was removed; redeploy the app`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    if (!this.watched(app.containerName!) || typeof this.deps.proxy.targetOf(app.id) !== 'number') return;
    const info = await this.deps.docker.inspect(app.containerName!);
    if (!info) return;
    // Restarted through the API (which sets Docker's restart count back to 0): nothing failed.
    if (info.running && info.restartCount <= state.dockerRestarts) {
      state.dockerRestarts = info.restartCount;
      return;
    }
    const exit = `container ${app.containerName} exited with code ${event.exitCode ?? info.exitCode ?? 'unknown'}`;
    const why = info.oomKilled ? `${exit} (killed: out of memory)` : exit;
    const code = info.oomKilled ? 'CONTAINER_OOM_KILLED' : 'CONTAINER_EXITED';
    if (info.running || info.state === 'restarting') {
      state.dockerRestarts = info.restartCount;
      this.markDown(app, code, `${why}; Docker restarts it (restart ${info.restartCount})`);
      return;
    }
    if (Date.now() - state.startedAt > STABLE_MS) state.attempts = 0;
    const delay = Math.min(FIRST_RESTART_MS * 2 ** state.attempts, MAX_RESTART_MS);
    state.attempts += 1;
    this.markDown(
      app,
      code,
      `${why}; the agent starts it again in ${delay / 1000} s (attempt ${state.attempts})`,
    );
    clearTimeout(state.timer);
    state.timer = setTimeout(() => {
      this.restart(app.id).catch((error: unknown) =>
        this.deps.log.warn({ err: error, app: app.id }, 'cannot restart the app container'),
      );
    }, delay);
  }

  private async restart(appId: string): Promise<void> {
    const app = this.deps.apps.get(appId);
    const current = app.containerName ? this.watched(app.containerName) : undefined;
    if (!current || !CONTAINER_DOWN_CODES.includes(current.lastError?.code ?? '')) return;
    const info = await this.deps.docker.inspect(current.containerName!);
    if (!info || info.running) return;
    try {
      await this.deps.docker.start(current.containerName!);
    } catch (error) {
      // Tried again after the next, longer wait, as if it had died once more.
      this.deps.log.warn({ err: error, app: appId }, 'cannot start the app container again');
      await this.died(current, { action: 'die', name: current.containerName!, exitCode: null });
    }
  }

  /** The container runs again: the app is `running` once it answers its health path. */
  private async started(app: AppRecord): Promise<void> {
    const state = this.restartState(app.id);
    state.startedAt = Date.now();
    const info = await this.deps.docker.inspect(app.containerName!);
    state.dockerRestarts = info?.restartCount ?? state.dockerRestarts;
    if (!CONTAINER_DOWN_CODES.includes(app.lastError?.code ?? '')) return;
    await waitHealthy({
      docker: this.deps.docker,
      container: app.containerName!,
      port: app.containerPort!,
      path: this.deps.settings.healthPath,
      timeoutMs: this.deps.settings.healthTimeoutMs,
      restartsBefore: info?.restartCount ?? 0,
      signal: this.stopping.signal,
    });
    this.deps.apps.change(app.id, (now) =>
      CONTAINER_DOWN_CODES.includes(now.lastError?.code ?? '') ? { state: 'running', lastError: null } : {},
    );
    this.deps.log.info({ app: app.id, container: app.containerName }, 'app container is back');
  }

  private markDown(app: AppRecord, code: string, message: string): void {
    this.deps.apps.change(app.id, { state: 'error', lastError: { code, message } });
    this.deps.log.warn({ app: app.id, container: app.containerName, code }, message);
  }

  private restartState(appId: string): RestartState {
    let state = this.restarts.get(appId);
    if (!state) {
      state = { attempts: 0, startedAt: Date.now(), dockerRestarts: 0 };
      this.restarts.set(appId, state);
    }
    return state;
  }
}
