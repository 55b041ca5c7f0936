import { html, nothing, type TemplateResult } from 'lit';
import type { AuditEntryView } from '../../messages/auditLog';
import { selectInput, textInput } from '../../shared/ui/controls';
import { formatTime } from '../../shared/ui/format';
import { gate, gateTitle } from '../../shared/ui/gate';
import { errorBanner } from '../../shared/ui/requests';
import { tableHead } from '../../shared/ui/choices';
import type { AuditLogState, FilterDraft } from './state';

export interface AuditLogActions {
  setDraft(patch: Partial<FilterDraft>): void;
  apply(): void;
  next(): void;
  previous(): void;
}

const OUTCOME_ICONS = { succeeded: 'pass', refused: 'shield', failed: 'error' } as const;

function entryRow(e: AuditEntryView): TemplateResult {
  return html`<tr data-entry=${e.id}>
    <td title=${e.at}>${formatTime(e.at)}</td>
    <td>${e.actor}</td>
    <td class="mono">${e.method}</td>
    <td>${e.target ?? '—'}</td>
    <td class="outcome ${e.outcome}">
      <span class="codicon codicon-${OUTCOME_ICONS[e.outcome]}" aria-hidden="true"></span>
      ${e.outcome}${e.errorCode ? html` <span class="muted">(${e.errorCode})</span>` : nothing}
    </td>
  </tr>`;
}

function filters(state: AuditLogState, a: AuditLogActions): TemplateResult {
  const d = state.draft;
  const e = state.request.errors;
  return html`<form
    class="filters"
    aria-label="Filter"
    @submit=${(ev: Event) => {
      ev.preventDefault();
      a.apply();
    }}
  >
    ${textInput('filter.actor', 'Who', d.actor, (actor) => a.setDraft({ actor }), e)}
    ${textInput('filter.method', 'Action', d.method, (method) => a.setDraft({ method }), e, { placeholder: 'apps/deploy' })}
    ${selectInput(
      'filter.outcome',
      'Outcome',
      d.outcome,
      [
        { value: '', label: 'Any' },
        { value: 'succeeded', label: 'Succeeded' },
        { value: 'refused', label: 'Refused' },
        { value: 'failed', label: 'Failed' },
      ],
      (outcome) => a.setDraft({ outcome: outcome as FilterDraft['outcome'] }),
      e,
    )}
    ${textInput('filter.since', 'From (YYYY-MM-DD)', d.since, (since) => a.setDraft({ since }), e)}
    ${textInput('filter.until', 'To (YYYY-MM-DD)', d.until, (until) => a.setDraft({ until }), e)}
    <vscode-button data-apply ?disabled=${state.request.pendingId !== undefined} @click=${a.apply}
      >Apply</vscode-button
    >
  </form>`;
}

/** Who did what, when, with what outcome: filterable, one page at a time. */
export function auditLogView(state: AuditLogState, a: AuditLogActions): TemplateResult {
  if (!state.access) return html`<p class="muted" role="status">Loading the audit log…</p>`;
  const g = gate(state.access, 'audit.read');
  if (!g.allowed)
    return html`<h1>Audit log</h1>
      <div class="banner info" role="status">
        ${gateTitle(g, 'Reading the audit log', state.access.role)}
      </div>`;
  const page = state.page;
  const busy = state.request.pendingId !== undefined;
  const pageNumber = state.cursors.length;
  return html`<h1>${state.projectName} <span class="muted">— Audit log</span></h1>
    ${filters(state, a)}
    ${errorBanner(state.request, ['filter.actor', 'filter.method', 'filter.outcome', 'filter.since', 'filter.until'])}
    <div class="table-scroll">
      <table class="data audit" aria-busy=${busy ? 'true' : 'false'}>
        ${tableHead(['When', 'Who', 'Action', 'Target', 'Outcome'])}
        <tbody>
          ${
            page && page.entries.length > 0
              ? page.entries.map(entryRow)
              : html`<tr>
                  <td colspan="5" class="muted">No entries match.</td>
                </tr>`
          }
        </tbody>
      </table>
    </div>
    <nav class="row pager" aria-label="Pages">
      <vscode-button
        data-previous
        secondary
        icon="chevron-left"
        ?disabled=${busy || pageNumber <= 1}
        @click=${a.previous}
        >Previous</vscode-button
      >
      <span class="page-number">Page ${pageNumber}</span>
      <vscode-button
        data-next
        secondary
        icon-after="chevron-right"
        ?disabled=${busy || !page?.nextCursor}
        @click=${a.next}
        >Next</vscode-button
      >
    </nav>`;
}
