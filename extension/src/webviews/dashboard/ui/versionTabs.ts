import { html, type TemplateResult } from 'lit';
import type { AppCardView } from '../../messages/dashboard';
import type { DashboardActions } from './actions';
import { versionCounts } from './state';

/** "All" plus one tab per Odoo version (newest first) with active / archived counts. */
export function versionTabs(
  apps: readonly AppCardView[],
  selected: string | undefined,
  actions: DashboardActions,
): TemplateResult {
  const counts = versionCounts(apps);
  const versions = [undefined, ...counts.map((c) => c.version)];
  const index = Math.max(0, versions.indexOf(selected));
  const onSelect = (event: CustomEvent<{ selectedIndex: number }>): void =>
    actions.selectVersion(versions[event.detail.selectedIndex]);
  return html`<div class="tab-strip">
    <vscode-tabs
      class="version-tabs"
      aria-label="Odoo versions"
      selected-index=${index}
      @vsc-tabs-select=${onSelect}
    >
      <vscode-tab-header slot="header" data-version="all"
        >All <span class="count">${apps.length}</span></vscode-tab-header
      >
      ${counts.map(
        (c) =>
          html`<vscode-tab-header
            slot="header"
            data-version=${c.version}
            title="Odoo ${c.version}: ${c.active} active, ${c.archived} archived"
          >
            ${c.version}
            <span class="count active" aria-label="${c.active} active">${c.active}</span>
            <span class="count archived" aria-label="${c.archived} archived">${c.archived}</span>
          </vscode-tab-header>`,
      )}
    </vscode-tabs>
  </div>`;
}
