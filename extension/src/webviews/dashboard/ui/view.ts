import { html, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { ROLE_LABELS } from '../../shared/ui/roles';
import type { DashboardActions } from './actions';
import { appCard } from './appCard';
import { ENVIRONMENT_LABELS, environmentTabs } from './envTabs';
import { serverCard } from './serverCard';
import { visibleApps, type DashboardState } from './state';
import { toolbar } from './toolbar';
import { versionTabs } from './versionTabs';

function loading(): TemplateResult {
  return html`<div class="row loading" role="status">
    <vscode-progress-ring aria-label="Loading"></vscode-progress-ring><span>Loading the project…</span>
  </div>`;
}

/** The whole dashboard: environment tabs, server card, toolbar, version tabs, app cards. */
export function dashboardView(state: DashboardState, actions: DashboardActions): TemplateResult {
  const model = state.model;
  if (!model) return loading();
  const envType = state.environmentType;
  const env = model.environments.find((e) => e.type === envType);
  const envApps = model.apps.filter((a) => a.environmentType === envType);
  const shown = visibleApps(state);
  const busyApps = new Set(Object.values(state.pending).map((p) => p.appId));
  return html`<header class="row page-head">
      <h1>${model.projectName}</h1>
      <span class="muted">Your role: ${ROLE_LABELS[model.access.role]}</span>
    </header>
    ${environmentTabs(model.apps, envType, actions)}
    <section class="env-body" aria-label="${ENVIRONMENT_LABELS[envType]} environment">
      ${serverCard(env)} ${toolbar(model.access, envType, state.showDisabled, actions)}
      ${versionTabs(envApps, state.odooVersion, actions)}
      ${
        shown.length === 0
          ? html`<p class="muted empty">No apps to show in ${ENVIRONMENT_LABELS[envType]}.</p>`
          : html`<div class="grid apps">
              ${repeat(
                shown,
                (app) => app.id,
                (app) =>
                  appCard(app, {
                    access: model.access,
                    environmentType: envType,
                    busy: busyApps.has(app.id),
                    error: state.appErrors[app.id],
                    actions,
                  }),
              )}
            </div>`
      }
    </section>`;
}
