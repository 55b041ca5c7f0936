import { html, type TemplateResult } from 'lit';
import type { SettingsModel } from '../../messages/settings';
import { ENVIRONMENT_LABELS } from '../../dashboard/ui/envTabs';
import { gate, gateTitle } from '../../shared/ui/gate';
import { errorBanner, type RequestState } from '../../shared/ui/requests';

/**
 * Backups before updates, per environment: Production always takes one (as on Odoo.sh); Staging and
 * Development only when their setting is on. Each change saves at once.
 */
export function backupSection(
  model: SettingsModel,
  request: RequestState,
  set: (environmentId: string, enabled: boolean) => void,
): TemplateResult {
  const rows = model.environments.map((env) => {
    const label = ENVIRONMENT_LABELS[env.type];
    if (env.type === 'production')
      return html`<vscode-checkbox data-pre-update-backup=${env.type} checked disabled
        >${label}: always, before every update</vscode-checkbox
      >`;
    const g = gate(model.access, 'environment.automate', env.type);
    return html`<vscode-checkbox
      data-pre-update-backup=${env.type}
      ?checked=${env.preUpdateBackup}
      ?disabled=${!g.allowed || request.pendingId !== undefined}
      title=${gateTitle(g, `Back up ${label} before each update`, model.access.role)}
      @change=${(e: Event) => set(env.id, (e.target as HTMLInputElement).checked)}
      >${label}: back up before each update</vscode-checkbox
    >`;
  });
  return html`<section class="backup-section" aria-labelledby="backup-title">
    <h2 id="backup-title">
      <span class="codicon codicon-archive" aria-hidden="true"></span> Backups before updates
    </h2>
    <p class="muted">Kept as the plan's retention says, like every other backup.</p>
    ${errorBanner(request)}
    <div class="checkbox-list">${rows}</div>
  </section>`;
}
