import type { EnvironmentType } from '@paas/protocol';
import type * as vscode from 'vscode';
import type { AppAction, DashboardModel, DashboardToWebview, ProjectRef } from '../messages/dashboard';

/** Live events the dashboard shows as they happen. */
export type DashboardLiveEvent = Extract<
  DashboardToWebview,
  { type: 'appChanged' | 'appRemoved' | 'serverSample' }
>;

/**
 * What the dashboard needs from the extension. The extension implements it over its agent connection
 * (`apps/list`, `apps/deploy`, `jobs/didProgress`, `metrics/subscribe` + `metrics/didSample`, ...) and its
 * commands; the mapping helpers in `mapping.ts` turn protocol results into the view-model.
 */
export interface DashboardBackend {
  /** The full model: project, environments with their latest sample and CPU history, apps, permissions. */
  load(ref: ProjectRef): Promise<DashboardModel>;
  /** Streams app changes of the project and metrics samples of the environment's server until disposed. */
  watch(
    ref: ProjectRef,
    environmentType: EnvironmentType,
    sink: (event: DashboardLiveEvent) => void,
  ): vscode.Disposable;
  /** Deploy, Update, Backup or Retry; resolves when the agent accepted it (the card then follows the job). */
  runAppAction(ref: ProjectRef, appId: string, action: AppAction): Promise<void>;
  openApp(ref: ProjectRef, appId: string): Promise<void>;
  /** The ⋮ menu: the remaining app actions in a quick pick. */
  showAppMenu(ref: ProjectRef, appId: string): Promise<void>;
  openLogs(ref: ProjectRef, appId: string, level: 'warning' | 'error'): Promise<void>;
  createApp(ref: ProjectRef, environmentType: EnvironmentType): Promise<void>;
  automateEnvironment(ref: ProjectRef, environmentType: EnvironmentType): Promise<void>;
  /** Asks for confirmation first. */
  destroyEnvironment(ref: ProjectRef, environmentType: EnvironmentType): Promise<void>;
  setShowDisabled(show: boolean): Promise<void>;
}
