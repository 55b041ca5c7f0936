import type { EnvironmentType } from '@paas/protocol';
import type { AppAction, DashboardToExtension } from '../../messages/dashboard';

/** What the dashboard's templates can do; `main.ts` implements it over the store and the host. */
export interface DashboardActions {
  selectEnvironment(type: EnvironmentType): void;
  selectVersion(version: string | undefined): void;
  setShowDisabled(show: boolean): void;
  appAction(appId: string, action: AppAction): void;
  /** Intents the extension handles without an answer (open, menus, dialogs). */
  post(message: Exclude<DashboardToExtension, { type: 'ready' | 'appAction' }>): void;
}
