import type { EnvironmentType } from '@paas/protocol';
import { html, nothing, type TemplateResult } from 'lit';
import type { RunnerFilter, RunnerRunView, RunnersModel } from '../../messages/runners';
import { tableHead } from '../../shared/ui/choices';
import { selectInput, textInput } from '../../shared/ui/controls';
import { formatTime } from '../../shared/ui/format';
import { gate, gateTitle } from '../../shared/ui/gate';
import { errorBanner } from '../../shared/ui/requests';
import type { RunDraft, RunnersState } from './state';
import { taskResults } from './tasks';

export interface RunnersActions {
  setDraft(patch: Partial<RunDraft>): void;
  setVar(index: number, patch: Partial<{ key: string; value: string }>): void;
  addVar(): void;
  removeVar(index: number): void;
  loadPlaybooks(): void;
  run(): void;
  setFilter(patch: Partial<RunnerFilter>): void;
  applyFilter(): void;
  select(runId: string): void;
  showLog(runId: string): void;
  cancel(runId: string): void;
}

const OUTCOMES = [
  { value: '', label: 'Any' },
  { value: 'succeeded', label: 'Succeeded' },
  { value: 'failed', label: 'Failed' },
  { value: 'canceled', label: 'Canceled' },
  { value: 'interrupted', label: 'Interrupted' },
];
const STATE_ICONS: Record<string, string> = {
  queued: 'clock',
  running: 'sync',
  succeeded: 'pass',
  failed: 'error',
  canceled: 'circle-slash',
  interrupted: 'debug-disconnect',
};
const FORM_PATHS = ['playbook', 'environmentType', 'ref'];

function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  return ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 60_000)} min`;
}

function extraVarRows(draft: RunDraft, state: RunnersState, a: RunnersActions): TemplateResult {
  const e = state.request.errors;
  return html`<fieldset class="extra-vars">
    <legend>Extra vars</legend>
    ${draft.extraVars.map(
      (v, i) =>
        html`<div class="row var" data-var=${i}>
          ${textInput(`extraVars.${i}.key`, 'Name', v.key, (key) => a.setVar(i, { key }), e)}
          ${textInput(`extraVars.${i}.value`, 'Value', v.value, (value) => a.setVar(i, { value }), e)}
          <button
            class="icon-button"
            title="Remove"
            aria-label="Remove variable"
            @click=${() => a.removeVar(i)}
          >
            <span class="codicon codicon-trash" aria-hidden="true"></span>
          </button>
        </div>`,
    )}
    <vscode-button data-add-var secondary icon="add" @click=${a.addVar}>Add variable</vscode-button>
    <p class="muted">Values of names with password, secret, token or key are redacted in logs and history.</p>
  </fieldset>`;
}

function runForm(state: RunnersState, model: RunnersModel, a: RunnersActions): TemplateResult {
  const d = state.draft;
  const e = state.request.errors;
  const busy = state.request.pendingId !== undefined;
  const g = gate(model.access, 'runner.run', (d.environmentType || 'production') as EnvironmentType);
  const list = model.playbooks;
  return html`<section class="card run-form" aria-label="Run a playbook">
    <h2>Run a playbook</h2>
    <div class="grid form-grid">
      ${textInput('ref', 'Branch', d.ref, (ref) => a.setDraft({ ref }), e)}
      <vscode-button data-load-playbooks secondary icon="refresh" ?disabled=${busy} @click=${a.loadPlaybooks}
        >Read playbooks</vscode-button
      >
      ${selectInput(
        'playbook',
        'Playbook',
        d.playbook,
        list.playbooks.map((p) => ({
          value: p.path,
          label: p.description ? `${p.path} — ${p.description}` : p.path,
        })),
        (playbook) => a.setDraft({ playbook }),
        e,
        list.playbooks.length === 0,
      )}
      ${selectInput(
        'environmentType',
        'Environment',
        d.environmentType,
        model.environments.map((t) => ({ value: t, label: t })),
        (environmentType) => a.setDraft({ environmentType: environmentType as EnvironmentType }),
        e,
      )}
    </div>
    ${
      list.error
        ? html`<div class="banner info playbooks-error" role="status">
            No playbooks on ${list.ref}: ${list.error}
          </div>`
        : list.playbooks.length === 0
          ? html`<div class="banner info playbooks-error" role="status">
              No playbooks under ${list.folder || 'the runners folder'} on ${list.ref}.
            </div>`
          : nothing
    }
    ${extraVarRows(d, state, a)} ${errorBanner(state.request, FORM_PATHS)}
    <vscode-button
      data-run
      icon="play"
      title=${gateTitle(g, 'Run', model.access.role)}
      ?disabled=${busy || !g.allowed || !d.playbook || !d.environmentType || !d.ref}
      @click=${a.run}
      >Run</vscode-button
    >
  </section>`;
}

function runRow(
  r: RunnerRunView,
  state: RunnersState,
  model: RunnersModel,
  a: RunnersActions,
): TemplateResult {
  const pending = r.state === 'queued' || r.state === 'running';
  const g = gate(model.access, 'runner.run', r.environmentType);
  return html`<tr
    data-run=${r.id}
    class=${state.selectedRun === r.id ? 'selected' : ''}
    @click=${() => a.select(r.id)}
  >
    <td title=${r.createdAt}>${formatTime(r.createdAt)}</td>
    <td class="mono">${r.playbook}</td>
    <td><span class="tag env env-${r.environmentType}">${r.environmentType}</span></td>
    <td class="mono" title=${r.commit ?? ''}>${r.ref}</td>
    <td>${r.requestedBy}</td>
    <td class="state ${r.state}" title=${r.error ?? r.state}>
      <span class="codicon codicon-${STATE_ICONS[r.state]}" aria-hidden="true"></span> ${r.outcome ?? r.state}
    </td>
    <td>${formatDuration(r.durationMs)}</td>
    <td class="actions">
      <button
        class="icon-button"
        data-action="log"
        title="Show log"
        aria-label="Show the log of ${r.playbook}"
        @click=${(ev: Event) => (ev.stopPropagation(), a.showLog(r.id))}
      >
        <span class="codicon codicon-terminal" aria-hidden="true"></span>
      </button>
      <button
        class="icon-button"
        data-action="cancel"
        title=${gateTitle(g, 'Cancel', model.access.role)}
        aria-label="Cancel ${r.playbook}"
        ?disabled=${!pending || !g.allowed}
        @click=${(ev: Event) => (ev.stopPropagation(), a.cancel(r.id))}
      >
        <span class="codicon codicon-debug-stop" aria-hidden="true"></span>
      </button>
    </td>
  </tr>`;
}

function history(state: RunnersState, model: RunnersModel, a: RunnersActions): TemplateResult {
  const f = state.filter;
  const e = state.historyRequest.errors;
  const selected = model.runs.find((r) => r.id === state.selectedRun);
  return html`<section aria-label="History">
    <h2>History</h2>
    <form
      class="filters row"
      aria-label="Filter"
      @submit=${(ev: Event) => (ev.preventDefault(), a.applyFilter())}
    >
      ${selectInput(
        'filter.playbook',
        'Playbook',
        f.playbook ?? '',
        [
          { value: '', label: 'Any' },
          ...model.playbooks.playbooks.map((p) => ({ value: p.path, label: p.path })),
        ],
        (playbook) => a.setFilter({ playbook: playbook || undefined }),
        e,
      )}
      ${selectInput(
        'filter.outcome',
        'Outcome',
        f.outcome ?? '',
        OUTCOMES,
        (o) => a.setFilter({ outcome: (o || undefined) as RunnerFilter['outcome'] }),
        e,
      )}
      <vscode-button data-apply secondary @click=${a.applyFilter}>Apply</vscode-button>
    </form>
    ${errorBanner(state.historyRequest, ['filter.playbook', 'filter.outcome'])}
    <div class="table-scroll">
      <table class="data runs">
        ${tableHead(['When', 'Playbook', 'Environment', 'Branch', 'Who', 'Outcome', 'Duration', ''])}
        <tbody>
          ${
            model.runs.length > 0
              ? model.runs.map((r) => runRow(r, state, model, a))
              : html`<tr>
                  <td colspan="8" class="muted">No runs yet.</td>
                </tr>`
          }
        </tbody>
      </table>
    </div>
    ${selected ? taskResults(selected) : nothing}
  </section>`;
}

/** The project's runner playbooks: a Run form and the history with per-task results. */
export function runnersView(state: RunnersState, a: RunnersActions): TemplateResult {
  const model = state.model;
  if (!model) return html`<p class="muted" role="status">Loading the runners…</p>`;
  const g = gate(model.access, 'runner.read');
  if (!g.allowed)
    return html`<h1>Runners</h1>
      <div class="banner info" role="status">${gateTitle(g, 'Viewing runs', model.access.role)}</div>`;
  return html`<h1>${model.projectName} <span class="muted">— Runners</span></h1>
    ${runForm(state, model, a)} ${history(state, model, a)}`;
}
