import type { EnvironmentType } from '@paas/protocol';
import { html, type TemplateResult } from 'lit';
import type { AppCardView } from '../../messages/dashboard';
import type { DashboardActions } from './actions';
import { ENVIRONMENT_TYPES, environmentCounts } from './state';

export const ENVIRONMENT_LABELS: Readonly<Record<EnvironmentType, string>> = {
  production: 'Production',
  staging: 'Staging',
  development: 'Development',
};

/** Production (red), Staging (yellow), Development (green), each with deployed / total badges. */
export function environmentTabs(
  apps: readonly AppCardView[],
  selected: EnvironmentType,
  actions: DashboardActions,
): TemplateResult {
  const onSelect = (event: CustomEvent<{ selectedIndex: number }>): void => {
    const type = ENVIRONMENT_TYPES[event.detail.selectedIndex];
    if (type) actions.selectEnvironment(type);
  };
  // The tab strip scrolls sideways on its own at narrow widths instead of widening the page.
  return html`<div class="tab-strip">
    <vscode-tabs
      class="env-tabs"
      aria-label="Environments"
      selected-index=${ENVIRONMENT_TYPES.indexOf(selected)}
      @vsc-tabs-select=${onSelect}
    >
      ${ENVIRONMENT_TYPES.map((type) => {
        const [deployed, total] = environmentCounts(apps, type);
        return html`<vscode-tab-header
          slot="header"
          class="env-tab env-${type}"
          data-environment=${type}
          title="${ENVIRONMENT_LABELS[type]}: ${deployed} deployed of ${total} apps"
        >
          <span class="env-dot" aria-hidden="true"></span>${ENVIRONMENT_LABELS[type]}
          <vscode-badge variant="counter" class="deployed" aria-label="${deployed} deployed"
            >${deployed}</vscode-badge
          >
          <vscode-badge variant="counter" class="total" aria-label="${total} apps">${total}</vscode-badge>
        </vscode-tab-header>`;
      })}
    </vscode-tabs>
  </div>`;
}
