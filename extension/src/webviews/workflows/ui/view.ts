import { html, nothing, type TemplateResult } from 'lit';
import type { JobStepView, JobView } from '../../messages/jobView';
import { selectInput } from '../../shared/ui/controls';
import { formatTime } from '../../shared/ui/format';
import { formatDuration, kindCell, stateCell } from '../../shared/ui/jobCells';
import { errorBanner } from '../../shared/ui/requests';
import type { WorkflowsState } from './state';

export interface WorkflowsActions {
  setFilter(patch: Partial<WorkflowsState['filter']>): void;
  refresh(): void;
  more(): void;
  open(jobId: string): void;
  close(): void;
}

const KINDS: readonly JobView['kind'][] = [
  'deploy',
  'update',
  'backup',
  'restore',
  'verify',
  'import',
  'runner',
];
const OUTCOMES = ['succeeded', 'failed', 'canceled', 'interrupted'] as const;
const any = { value: '', label: 'Any' };

const COLUMNS = ['Job', 'App', 'Outcome', 'Finished', 'Duration', 'Requested by'];

/**
 * One flat template per row (no nested templates, no listeners: one delegated click opens a job), as a
 * grid row rather than a table row: rows skip layout while off screen (`content-visibility`), so the
 * 2,000 rows of four history pages render within the 300 ms budget.
 */
function jobRow(job: JobView): TemplateResult {
  return html`<div role="row" class="history-row ${job.state}" data-job=${job.id}>
    <span role="cell"><button class="link" data-open=${job.id}>${job.kind}</button></span>
    <span role="cell">${job.subject}</span>
    <span role="cell" class="job-state">${job.error ? `${job.state} (${job.error.code})` : job.state}</span>
    <span role="cell">${job.finishedAt ? formatTime(job.finishedAt) : '—'}</span>
    <span role="cell">${formatDuration(job.durationMs)}</span>
    <span role="cell">${job.requestedBy}</span>
  </div>`;
}

/** One listener for every row's button (2,000 listeners would cost more than the rows). */
function openClicked(event: Event, a: WorkflowsActions): void {
  const button = (event.target as Element).closest('button[data-open]');
  const jobId = button?.getAttribute('data-open');
  if (jobId) a.open(jobId);
}

function stepBlock(step: JobStepView): TemplateResult {
  return html`<details class="step" data-step=${step.name} ?open=${step.state === 'failed'}>
    <summary>
      ${step.name} · ${step.state} · ${formatDuration(step.durationMs)}
      ${step.summary ? html`<span class="muted">— ${step.summary}</span>` : nothing}
    </summary>
    ${step.truncated ? html`<p class="muted">Only the end of the log is shown.</p>` : nothing}
    <pre class="log">${step.log || 'No output.'}</pre>
  </details>`;
}

function detailView(detail: NonNullable<WorkflowsState['detail']>, a: WorkflowsActions): TemplateResult {
  const { job } = detail;
  return html`<section class="detail" aria-labelledby="detail-title" data-detail=${job.id}>
    <div class="row">
      <h2 id="detail-title">${kindCell(job)} of ${job.subject}</h2>
      <span class="spacer"></span>
      <vscode-button data-close secondary icon="close" @click=${a.close}>Close</vscode-button>
    </div>
    <p>
      ${stateCell(job)} · ${formatDuration(job.durationMs)} · requested by ${job.requestedBy}
      ${job.error ? html`<br /><span class="job-state failed">${job.error.message}</span>` : nothing}
    </p>
    ${detail.steps.map(stepBlock)}
  </section>`;
}

function filters(state: WorkflowsState, a: WorkflowsActions): TemplateResult {
  const f = state.filter;
  const apps = state.model?.apps ?? [];
  const e = state.request.errors;
  return html`<div class="filters" role="group" aria-label="Filter">
    ${selectInput('filter.appId', 'App', f.appId, [any, ...apps.map((app) => ({ value: app.id, label: app.name }))], (appId) => a.setFilter({ appId }), e)}
    ${selectInput('filter.kind', 'Kind', f.kind, [any, ...KINDS.map((k) => ({ value: k, label: k }))], (kind) => a.setFilter({ kind: kind as WorkflowsState['filter']['kind'] }), e)}
    ${selectInput('filter.outcome', 'Outcome', f.outcome, [any, ...OUTCOMES.map((o) => ({ value: o, label: o }))], (outcome) => a.setFilter({ outcome: outcome as WorkflowsState['filter']['outcome'] }), e)}
  </div>`;
}

/** Finished jobs, newest first: filterable by app, kind and outcome; a job opens its steps and logs. */
export function workflowsView(state: WorkflowsState, a: WorkflowsActions): TemplateResult {
  const model = state.model;
  if (!model) return html`<p class="muted" role="status">Loading the workflow history…</p>`;
  const busy = state.request.pendingId !== undefined;
  const { jobs, more } = model.page;
  return html`<div class="row">
      <h1>${model.projectName} <span class="muted">— Workflows</span></h1>
      <span class="spacer"></span>
      <vscode-button data-refresh secondary icon="refresh" ?disabled=${busy} @click=${a.refresh}
        >Refresh</vscode-button
      >
    </div>
    ${filters(state, a)} ${errorBanner(state.request, ['filter.appId', 'filter.kind', 'filter.outcome'])}
    ${state.detail ? detailView(state.detail, a) : nothing}
    <div
      role="table"
      class="history"
      aria-label="Finished jobs"
      aria-busy=${busy ? 'true' : 'false'}
      @click=${(e: Event) => openClicked(e, a)}
    >
      <div role="row" class="history-row history-head">
        ${COLUMNS.map((label) => html`<span role="columnheader">${label}</span>`)}
      </div>
      ${
        jobs.length > 0
          ? jobs.map(jobRow)
          : html`<div role="row" class="history-empty muted">No finished job matches.</div>`
      }
    </div>
    <div class="row pager">
      <span class="muted" data-count>${jobs.length} job${jobs.length === 1 ? '' : 's'}</span>
      ${
        more
          ? html`<vscode-button data-more secondary ?disabled=${busy} @click=${a.more}
              >Load more</vscode-button
            >`
          : nothing
      }
    </div>`;
}
