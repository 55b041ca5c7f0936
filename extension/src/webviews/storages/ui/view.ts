import { html, nothing, type TemplateResult } from 'lit';
import type { ErrorView } from '../../messages/envelope';
import type { StorageTestResult, StorageView, StoragesModel } from '../../messages/storages';
import { tableHead } from '../../shared/ui/choices';
import { formatBytes } from '../../shared/ui/format';
import { gate, gateTitle } from '../../shared/ui/gate';
import { loadFailedView } from '../../shared/ui/loadFailed';
import { errorBanner, type RequestState } from '../../shared/ui/requests';

export interface StoragesState {
  model: StoragesModel | undefined;
  loadError: ErrorView | undefined;
  request: RequestState;
  /** The storage the pending request is about. */
  pendingStorage: string | undefined;
  /** The last connection test of each storage, by id. */
  tests: Record<string, StorageTestResult>;
}

export interface StoragesActions {
  refresh(): void;
  run(action: 'assign' | 'test', storageId: string): void;
}

const usage = (count: number, bytes: number): string =>
  `${count} backup${count === 1 ? '' : 's'} · ${formatBytes(bytes)}`;

function testCell(s: StorageView, state: StoragesState): TemplateResult | typeof nothing {
  const result = state.tests[s.id];
  if (state.pendingStorage === s.id && state.request.pendingId !== undefined)
    return html`<span class="muted" data-test-result="pending">Testing…</span>`;
  if (!result) return nothing;
  return html`<span
    class=${result.ok ? 'result-ok' : 'result-failed'}
    data-test-result=${result.ok ? 'ok' : 'failed'}
    role="status"
    ><span class="codicon codicon-${result.ok ? 'pass' : 'error'}" aria-hidden="true"></span>
    ${result.message}</span
  >`;
}

function row(s: StorageView, state: StoragesState, a: StoragesActions): TemplateResult {
  const { access } = state.model!;
  const g = gate(access, 'project.settings');
  const busy = state.request.pendingId !== undefined;
  return html`<tr data-storage=${s.id} data-current=${String(s.current)}>
    <td>
      <span class="codicon codicon-${s.kind === 'local' ? 'folder' : 'remote'}" aria-hidden="true"></span>
      ${s.name} ${s.isDefault ? html`<span class="tag">default</span>` : nothing}
      ${s.current ? html`<span class="tag env" data-current-tag>this project’s backups</span>` : nothing}
      <div class="location muted">${s.kind === 'local' ? 'Local directory' : 'SFTP'} · ${s.location}</div>
      <div>${testCell(s, state)}</div>
    </td>
    <td>${usage(s.backupCount, s.usedBytes)}</td>
    <td>${usage(s.projectBackupCount, s.projectBytes)}</td>
    <td class="actions">
      <button
        class="icon-button"
        data-action="test"
        ?disabled=${!g.allowed || busy}
        title=${gateTitle(g, 'Test connection', access.role)}
        aria-label="Test the connection to ${s.name}"
        @click=${() => a.run('test', s.id)}
      >
        <span class="codicon codicon-plug" aria-hidden="true"></span>
      </button>
      <button
        class="icon-button"
        data-action="assign"
        ?disabled=${!g.allowed || busy || s.current}
        title=${s.current ? 'The project’s new backups already go here' : gateTitle(g, 'Use for this project', access.role)}
        aria-label="Send this project’s new backups to ${s.name}"
        @click=${() => a.run('assign', s.id)}
      >
        <span class="codicon codicon-target" aria-hidden="true"></span>
      </button>
    </td>
  </tr>`;
}

/** The agent's storages: where the project's backups go, what each holds, a connection test and assigning. */
export function storagesView(state: StoragesState, a: StoragesActions): TemplateResult {
  const model = state.model;
  if (!model && state.loadError) return loadFailedView('Storages', state.loadError, a.refresh);
  if (!model) return html`<p class="muted" role="status">Loading storages…</p>`;
  const current = model.storages.find((s) => s.current);
  return html`<header class="row">
      <h1>${model.projectName} <span class="muted">— Storages</span></h1>
      <span class="spacer"></span>
      <vscode-button data-refresh secondary icon="refresh" @click=${a.refresh}>Refresh</vscode-button>
    </header>
    ${errorBanner(state.request)}
    ${
      current
        ? html`<p data-current-storage=${current.id}>
            New backups of this project go to <strong>${current.name}</strong>.
          </p>`
        : nothing
    }
    ${
      model.storages.length === 0
        ? html`<p class="muted">The agent lists no storages.</p>`
        : html`<div class="table-scroll">
            <table class="data storages">
              ${tableHead(['Storage', 'Used (all your projects)', 'This project', ''])}
              <tbody>
                ${model.storages.map((s) => row(s, state, a))}
              </tbody>
            </table>
          </div>`
    }`;
}
