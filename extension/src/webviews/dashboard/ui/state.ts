import type { EnvironmentType } from '@paas/protocol';
import { SPARKLINE_POINTS } from '../../messages/constants';
import type { AppAction, AppCardView, DashboardModel, ServerCardView } from '../../messages/dashboard';

/** The dashboard's whole UI state; saved with `setState`, so a reload shows the same tab and filters. */
export interface DashboardState {
  model: DashboardModel | undefined;
  environmentType: EnvironmentType;
  /** Whether the user picked `environmentType`; until then the dashboard shows the first one with apps. */
  environmentChosen: boolean;
  /** The selected version tab; `undefined` is "All". */
  odooVersion: string | undefined;
  showDisabled: boolean;
  /** Card actions waiting for their `requestDone`, by request id. */
  pending: Record<string, { appId: string; action: AppAction }>;
  /** The last failed action's message per app, shown on its card until the next action. */
  appErrors: Record<string, string>;
}

export const INITIAL_STATE: DashboardState = {
  model: undefined,
  environmentType: 'production',
  environmentChosen: false,
  odooVersion: undefined,
  showDisabled: false,
  pending: {},
  appErrors: {},
};

/** Tab order, as the seeds show it (the protocol's ENVIRONMENT_TYPES order; not imported to keep zod out). */
export const ENVIRONMENT_TYPES: readonly EnvironmentType[] = ['production', 'staging', 'development'];

/**
 * The model, on the tab the user last chose (kept in the webview state), else on the first environment
 * that has apps: an empty Production is no place to start when Development has them.
 */
export function withModel(state: DashboardState, model: DashboardModel): DashboardState {
  const environmentType = state.environmentChosen
    ? state.environmentType
    : (ENVIRONMENT_TYPES.find((type) => model.apps.some((a) => a.environmentType === type)) ??
      state.environmentType);
  return { ...state, model, environmentType, pending: {} };
}

export function withApp(state: DashboardState, app: AppCardView): DashboardState {
  if (!state.model) return state;
  const exists = state.model.apps.some((a) => a.id === app.id);
  const apps = exists ? state.model.apps.map((a) => (a.id === app.id ? app : a)) : [...state.model.apps, app];
  return { ...state, model: { ...state.model, apps } };
}

export function withoutApp(state: DashboardState, appId: string): DashboardState {
  if (!state.model) return state;
  return { ...state, model: { ...state.model, apps: state.model.apps.filter((a) => a.id !== appId) } };
}

/** Applies a live sample to its environment and appends its CPU figure to the sparkline. */
export function withSample(
  state: DashboardState,
  type: EnvironmentType,
  server: ServerCardView,
): DashboardState {
  if (!state.model) return state;
  const environments = state.model.environments.map((env) =>
    env.type === type
      ? { ...env, server, cpuHistory: [...env.cpuHistory, server.cpu.percent].slice(-SPARKLINE_POINTS) }
      : env,
  );
  return { ...state, model: { ...state.model, environments } };
}

export function withPending(
  state: DashboardState,
  requestId: string,
  appId: string,
  action: AppAction,
): DashboardState {
  const appErrors = { ...state.appErrors };
  delete appErrors[appId];
  return { ...state, pending: { ...state.pending, [requestId]: { appId, action } }, appErrors };
}

export function withDone(
  state: DashboardState,
  requestId: string,
  error: string | undefined,
): DashboardState {
  const request = state.pending[requestId];
  if (!request) return state;
  const pending = { ...state.pending };
  delete pending[requestId];
  const appErrors = error ? { ...state.appErrors, [request.appId]: error } : state.appErrors;
  return { ...state, pending, appErrors };
}

export interface VersionCount {
  version: string;
  active: number;
  archived: number;
}

/** Odoo versions of an environment's apps, newest first, with active and archived (disabled) counts. */
export function versionCounts(apps: readonly AppCardView[]): VersionCount[] {
  const counts = new Map<string, VersionCount>();
  for (const app of apps) {
    const count = counts.get(app.odooVersion) ?? { version: app.odooVersion, active: 0, archived: 0 };
    if (app.disabled) count.archived += 1;
    else count.active += 1;
    counts.set(app.odooVersion, count);
  }
  return [...counts.values()].sort((a, b) => compareVersions(b.version, a.version));
}

function compareVersions(a: string, b: string): number {
  const num = (v: string): number => Number(v.replace(/^saas~/, ''));
  return num(a) - num(b) || a.localeCompare(b);
}

/** The environment tab's two badges: deployed (running, enabled) apps and all apps. */
export function environmentCounts(apps: readonly AppCardView[], type: EnvironmentType): [number, number] {
  const inEnv = apps.filter((a) => a.environmentType === type);
  return [inEnv.filter((a) => a.state === 'running' && !a.disabled).length, inEnv.length];
}

/** The cards shown: the selected environment and version, disabled apps only when asked. */
export function visibleApps(state: DashboardState): AppCardView[] {
  const apps = state.model?.apps ?? [];
  return apps.filter(
    (a) =>
      a.environmentType === state.environmentType &&
      (state.odooVersion === undefined || a.odooVersion === state.odooVersion) &&
      (state.showDisabled || !a.disabled),
  );
}
