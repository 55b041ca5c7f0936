import { html, nothing, type TemplateResult } from 'lit';
import type { DatabaseServerView, DatabaseView, DatabasesModel } from '../../messages/databases';
import type { ErrorView } from '../../messages/envelope';
import { tableHead } from '../../shared/ui/choices';
import { formatBytes } from '../../shared/ui/format';
import { gate, gateTitle } from '../../shared/ui/gate';
import { loadFailedView } from '../../shared/ui/loadFailed';
import { errorBanner, type RequestState } from '../../shared/ui/requests';

/** The form open under a database's row: the copy's name, or the typed name that confirms a drop. */
export interface RowForm {
  kind: 'duplicate' | 'drop';
  serverId: string;
  name: string;
  text: string;
}

export interface DatabasesState {
  model: DatabasesModel | undefined;
  loadError: ErrorView | undefined;
  request: RequestState;
  form: RowForm | undefined;
}

export interface DatabasesActions {
  refresh(): void;
  openForm(kind: RowForm['kind'], database: DatabaseView): void;
  editForm(text: string): void;
  closeForm(): void;
  submit(): void;
}

const keyOf = (d: { serverId: string; name: string }): string => `${d.serverId}/${d.name}`;

function serverRow(s: DatabaseServerView): TemplateResult {
  return html`<tr data-server=${s.id}>
    <td>${s.name}${s.isDefault ? html` <span class="tag">default</span>` : nothing}</td>
    <td>${s.host}:${s.port}</td>
    <td class=${s.error ? 'result-failed' : 'result-ok'}>
      ${
        s.error
          ? html`<span class="codicon codicon-error" aria-hidden="true"></span> ${s.error}`
          : html`<span class="codicon codicon-pass" aria-hidden="true"></span> reachable`
      }
    </td>
  </tr>`;
}

function dropGate(d: DatabaseView, model: DatabasesModel): { allowed: boolean; title: string } {
  if (d.isAppDatabase)
    return { allowed: false, title: 'Drop: the app’s own database goes only with the app (Destroy)' };
  const g = gate(model.access, 'app.destroy', d.environmentType);
  return { allowed: g.allowed, title: gateTitle(g, 'Drop', model.access.role) };
}

function actionButtons(d: DatabaseView, state: DatabasesState, a: DatabasesActions): TemplateResult {
  const model = state.model!;
  const copy = gate(model.access, 'app.backup', d.environmentType);
  const drop = dropGate(d, model);
  const busy = state.request.pendingId !== undefined;
  return html`<button
      class="icon-button"
      data-action="duplicate"
      ?disabled=${!copy.allowed || busy}
      title=${gateTitle(copy, 'Duplicate', model.access.role)}
      aria-label="Duplicate ${d.name}"
      @click=${() => a.openForm('duplicate', d)}
    >
      <span class="codicon codicon-copy" aria-hidden="true"></span>
    </button>
    <button
      class="icon-button"
      data-action="drop"
      ?disabled=${!drop.allowed || busy}
      title=${drop.title}
      aria-label="Drop ${d.name}"
      @click=${() => a.openForm('drop', d)}
    >
      <span class="codicon codicon-trash" aria-hidden="true"></span>
    </button>`;
}

/** The inline form: a copy's name, or the drop confirmation that needs the name typed exactly. */
function formRow(form: RowForm, state: DatabasesState, a: DatabasesActions): TemplateResult {
  const drop = form.kind === 'drop';
  const ready = drop ? form.text === form.name : form.text.length > 0;
  const label = drop ? `Type ${form.name} to drop it for good` : `Name of the copy of ${form.name}`;
  return html`<tr class="row-form" data-form=${form.kind}>
    <td colspan="5">
      <div class="row inline-form ${drop ? 'danger' : ''}">
        <label for="row-form-text">${label}</label>
        <vscode-textfield
          id="row-form-text"
          aria-label=${label}
          placeholder=${drop ? form.name : ''}
          .value=${form.text}
          @input=${(e: Event) => a.editForm((e.target as HTMLInputElement).value)}
        ></vscode-textfield>
        <vscode-button
          data-confirm
          icon=${drop ? 'trash' : 'copy'}
          ?disabled=${!ready || state.request.pendingId !== undefined}
          @click=${a.submit}
          >${drop ? 'Drop database' : 'Duplicate'}</vscode-button
        >
        <vscode-button data-cancel secondary @click=${a.closeForm}>Cancel</vscode-button>
      </div>
    </td>
  </tr>`;
}

function databaseRows(d: DatabaseView, state: DatabasesState, a: DatabasesActions): TemplateResult {
  const form = state.form && keyOf(state.form) === keyOf(d) ? state.form : undefined;
  return html`<tr data-database=${keyOf(d)}>
      <td>${d.name}${d.isAppDatabase ? nothing : html` <span class="tag">copy</span>`}</td>
      <td>${d.appName}</td>
      <td><span class="tag env env-${d.environmentType}">${d.environmentType}</span></td>
      <td>${formatBytes(d.sizeBytes)}</td>
      <td class="actions">${actionButtons(d, state, a)}</td>
    </tr>
    ${form ? formRow(form, state, a) : nothing}`;
}

/** The project's database servers and its apps' databases, with duplicate and a typed-confirmation drop. */
export function databasesView(state: DatabasesState, a: DatabasesActions): TemplateResult {
  const model = state.model;
  if (!model && state.loadError) return loadFailedView('Databases', state.loadError, a.refresh);
  if (!model) return html`<p class="muted" role="status">Loading databases…</p>`;
  return html`<header class="row">
      <h1>${model.projectName} <span class="muted">— Databases</span></h1>
      <span class="spacer"></span>
      <vscode-button data-refresh secondary icon="refresh" @click=${a.refresh}>Refresh</vscode-button>
    </header>
    ${errorBanner(state.request)}
    <h2>Database servers</h2>
    ${
      model.servers.length === 0
        ? html`<p class="muted">No app of this project has a database yet: deploy one.</p>`
        : html`<div class="table-scroll">
            <table class="data servers">
              ${tableHead(['Server', 'Address', 'Status'])}
              <tbody>
                ${model.servers.map(serverRow)}
              </tbody>
            </table>
          </div>`
    }
    <h2>Databases</h2>
    ${
      model.databases.length === 0
        ? html`<p class="muted">No databases to show.</p>`
        : html`<div class="table-scroll">
            <table class="data databases">
              ${tableHead(['Database', 'App', 'Environment', 'Size', ''])}
              <tbody>
                ${model.databases.map((d) => databaseRows(d, state, a))}
              </tbody>
            </table>
          </div>`
    }`;
}
