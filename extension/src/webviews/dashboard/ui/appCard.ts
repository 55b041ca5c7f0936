import type { Action, AppState, EnvironmentType } from '@paas/protocol';
import { html, nothing, type TemplateResult } from 'lit';
import type { AccessView } from '../../messages/access';
import type { AppAction, AppCardView } from '../../messages/dashboard';
import { formatTime, timeAgo } from '../../shared/ui/format';
import { gate, gateTitle } from '../../shared/ui/gate';
import type { DashboardActions } from './actions';

const STATE_ICONS: Readonly<Record<AppState, { icon: string; label: string }>> = {
  queued: { icon: 'clock', label: 'Queued' },
  fetching: { icon: 'sync', label: 'Fetching code' },
  preparing: { icon: 'sync', label: 'Preparing' },
  starting: { icon: 'sync', label: 'Starting' },
  running: { icon: 'pass-filled', label: 'Running' },
  error: { icon: 'warning', label: 'Failed' },
  canceled: { icon: 'circle-slash', label: 'Canceled' },
  stopped: { icon: 'debug-stop', label: 'Stopped' },
};
const BUSY_STATES: ReadonlySet<AppState> = new Set(['queued', 'fetching', 'preparing', 'starting']);

interface ButtonSpec {
  action: AppAction | 'open' | 'more';
  icon: string;
  label: string;
  gateAction: Action;
}

const BUTTONS: readonly ButtonSpec[] = [
  { action: 'open', icon: 'link-external', label: 'Open', gateAction: 'app.open' },
  { action: 'deploy', icon: 'rocket', label: 'Deploy', gateAction: 'app.deploy' },
  { action: 'update', icon: 'cloud-download', label: 'Update', gateAction: 'app.update' },
  { action: 'backup', icon: 'archive', label: 'Backup', gateAction: 'app.backup' },
  { action: 'retry', icon: 'debug-rerun', label: 'Retry', gateAction: 'app.retry' },
  { action: 'more', icon: 'kebab-vertical', label: 'More actions', gateAction: 'app.open' },
];

export interface CardContext {
  access: AccessView;
  environmentType: EnvironmentType;
  busy: boolean;
  error: string | undefined;
  actions: DashboardActions;
}

function actionButton(app: AppCardView, spec: ButtonSpec, ctx: CardContext): TemplateResult | typeof nothing {
  // Retry only makes sense after a failed or canceled deployment.
  if (spec.action === 'retry' && app.state !== 'error' && app.state !== 'canceled') return nothing;
  const g = gate(ctx.access, spec.gateAction, ctx.environmentType);
  const unavailable = (spec.action === 'open' && !app.url) || (ctx.busy && spec.action !== 'more');
  const onClick = (): void => {
    if (spec.action === 'open') ctx.actions.post({ type: 'openApp', appId: app.id });
    else if (spec.action === 'more') ctx.actions.post({ type: 'appMore', appId: app.id });
    else ctx.actions.appAction(app.id, spec.action);
  };
  return html`<button
    class="icon-button"
    data-action=${spec.action}
    ?disabled=${!g.allowed || unavailable}
    title=${gateTitle(g, spec.label, ctx.access.role)}
    aria-label=${gateTitle(g, spec.label, ctx.access.role)}
    @click=${onClick}
  >
    <span class="codicon codicon-${spec.icon}" aria-hidden="true"></span>
  </button>`;
}

function logBadge(
  app: AppCardView,
  level: 'warning' | 'error',
  count: number,
  ctx: CardContext,
): TemplateResult {
  const g = gate(ctx.access, 'app.viewLogs', ctx.environmentType);
  const label = `${count} ${level}${count === 1 ? '' : 's'} in the logs`;
  return html`<button
    class="log-badge ${level} ${count === 0 ? 'zero' : ''}"
    data-log=${level}
    ?disabled=${!g.allowed}
    title=${gateTitle(g, `${label}: open the logs`, ctx.access.role)}
    aria-label=${label}
    @click=${() => ctx.actions.post({ type: 'openLogs', appId: app.id, level })}
  >
    <span class="codicon codicon-${level}" aria-hidden="true"></span>${count}
  </button>`;
}

/** What the queue tag says for each runner state, with the codicon that marks it. */
const QUEUE_RUNNER: Readonly<
  Record<NonNullable<AppCardView['queueRunner']>, { label: string; icon: string }>
> = {
  starting: { label: 'starting', icon: 'loading' },
  running: { label: 'running', icon: 'pass' },
  noDatabase: { label: 'not on this database', icon: 'warning' },
  failing: { label: 'failing', icon: 'error' },
};

/** The OCA queue_job runner's health, when the app runs one. */
function queueTag(app: AppCardView): TemplateResult | typeof nothing {
  if (!app.queueRunner) return nothing;
  const { label, icon } = QUEUE_RUNNER[app.queueRunner];
  return html`<span
    class="tag queue queue-${app.queueRunner}"
    data-queue-runner=${app.queueRunner}
    title="OCA queue_job runner: ${label} (from the app's log)"
    ><span class="codicon codicon-${icon}" aria-hidden="true"></span>queue ${label}</span
  >`;
}

/** One app: identity, version and environment tags, commit, branch, timestamps, state, log stats, actions. */
export function appCard(app: AppCardView, ctx: CardContext): TemplateResult {
  const state = STATE_ICONS[app.state];
  const spinning = BUSY_STATES.has(app.state) || ctx.busy;
  return html`<article
    class="card app-card env-${app.environmentType} state-${app.state} ${app.disabled ? 'disabled' : ''}"
    data-app-id=${app.id}
    data-state=${app.state}
    aria-label="${app.name}, ${state.label}"
  >
    <header class="row app-head">
      <span
        class="codicon codicon-${spinning ? 'loading' : state.icon} state-icon ${spinning ? 'codicon-modifier-spin' : ''}"
        role="img"
        aria-label=${state.label}
        title=${state.label}
      ></span>
      <strong class="app-name">${app.name}</strong>
      <span class="tag version">${app.odooVersion}</span>
      <span class="spacer"></span>
      ${logBadge(app, 'warning', app.logStats.warnings, ctx)}
      ${logBadge(app, 'error', app.logStats.errors, ctx)}
    </header>
    <div class="row tags">
      <span class="tag env env-${app.environmentType}">${app.environmentType}</span>
      <span class="tag">${app.edition}</span>
      ${app.disabled ? html`<span class="tag archived">disabled</span>` : nothing} ${queueTag(app)}
    </div>
    <dl class="app-meta">
      <dt>ID</dt>
      <dd class="mono">${app.id}</dd>
      <dt>Branch</dt>
      <dd><span class="codicon codicon-git-branch" aria-hidden="true"></span>${app.branch}</dd>
      <dt>Commit</dt>
      <dd class="mono" title=${app.commitSha ?? ''}>${app.commitSha?.slice(0, 7) ?? '—'}</dd>
      <dt>Deployed</dt>
      <dd title=${app.deployedAt ? formatTime(app.deployedAt) : ''}>
        ${app.deployedAt ? timeAgo(app.deployedAt) : 'never'}
      </dd>
      <dt>Created</dt>
      <dd title=${formatTime(app.createdAt)}>${timeAgo(app.createdAt)}</dd>
    </dl>
    ${ctx.error ? html`<div class="banner app-error" role="alert">${ctx.error}</div>` : nothing}
    <footer class="row app-actions">${BUTTONS.map((b) => actionButton(app, b, ctx))}</footer>
  </article>`;
}
