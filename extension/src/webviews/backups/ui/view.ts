import type { Action } from '@paas/protocol';
import { html, nothing, type TemplateResult } from 'lit';
import type { GateScope } from '../../messages/access';
import type { BackupView, BackupsModel, BackupsToExtension } from '../../messages/backups';
import { formatBytes, formatTime } from '../../shared/ui/format';
import { gate, gateTitle } from '../../shared/ui/gate';
import { tableHead } from '../../shared/ui/choices';
import { errorBanner, type RequestState } from '../../shared/ui/requests';

export type BackupAction = Extract<BackupsToExtension, { backupId: string }>['type'];

export interface BackupsState {
  model: BackupsModel | undefined;
  request: RequestState;
  /** The backup the pending request is about. */
  pendingBackup: string | undefined;
  /** The request id of an import waiting for its job to be queued (the app and file dialogs are open). */
  pendingImport: string | undefined;
}

export interface BackupsActions {
  refresh(): void;
  run(action: BackupAction, backupId: string): void;
  importBackup(): void;
}

const BUTTONS: readonly { action: BackupAction; icon: string; label: string; gate: Action }[] = [
  { action: 'restore', icon: 'history', label: 'Restore', gate: 'backup.restore' },
  // A download holds the whole database: it needs the same role as a restore.
  { action: 'download', icon: 'cloud-download', label: 'Download', gate: 'backup.restore' },
  { action: 'delete', icon: 'trash', label: 'Delete', gate: 'backup.delete' },
];

function row(b: BackupView, state: BackupsState, model: BackupsModel, a: BackupsActions): TemplateResult {
  const { access, download } = model;
  const busy = state.pendingBackup === b.id;
  return html`<tr data-backup=${b.id}>
    <td title=${b.createdAt}>${formatTime(b.createdAt)}</td>
    <td>${b.appName}</td>
    <td><span class="tag env env-${b.environmentType}">${b.environmentType}</span></td>
    <td>
      ${b.kind}${b.includesFilestore ? ' · filestore' : ''}
      ${
        b.missingAttachments > 0
          ? html`<span
              class="warning missing-attachments"
              title="The imported zip lacked the files of ${b.missingAttachments} attachments its database lists: they will not open after a restore."
              ><span class="codicon codicon-warning" aria-hidden="true"></span> ${b.missingAttachments}
              attachments missing</span
            >`
          : nothing
      }
    </td>
    <td>${b.sizeBytes === null ? '—' : formatBytes(b.sizeBytes)}</td>
    <td class="state ${b.state}">${b.state}</td>
    <td class="actions">
      ${BUTTONS.map((spec) => {
        const g = gate(access, spec.gate, b.environmentType);
        const unusable = b.state !== 'succeeded' && spec.action !== 'delete';
        const noDownload = spec.action === 'download' && !download.available;
        return html`<button
          class="icon-button"
          data-action=${spec.action}
          ?disabled=${!g.allowed || unusable || busy || noDownload}
          title=${noDownload ? (download.reason ?? spec.label) : gateTitle(g, spec.label, access.role)}
          aria-label="${spec.label} backup of ${b.appName}"
          @click=${() => a.run(spec.action, b.id)}
        >
          <span class="codicon codicon-${spec.icon}" aria-hidden="true"></span>
        </button>`;
      })}
    </td>
  </tr>`;
}

const IMPORT_LABEL = 'Import Odoo backup';

/**
 * Import makes a backup of an app the user picks afterwards, so it is allowed when `app.backup` is in
 * some environment (the extension offers only the apps it is allowed for); otherwise the least strict
 * environment's gate says which role would do.
 */
function importButton(model: BackupsModel, state: BackupsState, a: BackupsActions): TemplateResult {
  const { access, imports } = model;
  const scopes = (Object.keys(access.gates) as GateScope[]).filter((scope) => scope !== 'project');
  const g =
    scopes.map((scope) => gate(access, 'app.backup', scope)).find((candidate) => candidate.allowed) ??
    gate(access, 'app.backup', 'development');
  return html`<vscode-button
    data-import-backup
    secondary
    icon="cloud-upload"
    ?disabled=${!g.allowed || !imports.available || state.pendingImport !== undefined}
    title=${imports.available ? gateTitle(g, IMPORT_LABEL, access.role) : (imports.reason ?? IMPORT_LABEL)}
    @click=${a.importBackup}
    >${IMPORT_LABEL}</vscode-button
  >`;
}

/** The project's backup catalog with restore, download, delete and importing an Odoo zip. */
export function backupsView(state: BackupsState, a: BackupsActions): TemplateResult {
  const model = state.model;
  if (!model) return html`<p class="muted" role="status">Loading backups…</p>`;
  return html`<header class="row">
      <h1>${model.projectName} <span class="muted">— Backups</span></h1>
      <span class="spacer"></span>
      ${importButton(model, state, a)}
      <vscode-button data-refresh secondary icon="refresh" @click=${a.refresh}>Refresh</vscode-button>
    </header>
    ${errorBanner(state.request)}
    ${
      model.backups.length === 0
        ? html`<p class="muted">
            No backups yet. Use Backup on an app card to make one, or import an Odoo backup.
          </p>`
        : html`<div class="table-scroll">
            <table class="data backups">
              ${tableHead(['When', 'App', 'Environment', 'Kind', 'Size', 'State', ''])}
              <tbody>
                ${model.backups.map((b) => row(b, state, model, a))}
              </tbody>
            </table>
          </div>`
    }
    ${nothing}`;
}
