import { html, nothing, type TemplateResult } from 'lit';
import type { AccessView } from '../../messages/access';
import type { JobView } from '../../messages/jobView';
import { timeAgo } from '../../shared/ui/format';
import { gate, gateTitle } from '../../shared/ui/gate';
import { kindCell, stateCell } from '../../shared/ui/jobCells';
import { errorBanner } from '../../shared/ui/requests';
import { tableHead } from '../../shared/ui/choices';
import type { QueueState } from './state';

export interface QueueActions {
  refresh(): void;
  cancel(jobId: string): void;
}

function jobRow(job: JobView, access: AccessView, state: QueueState, a: QueueActions): TemplateResult {
  const g = gate(access, job.cancelAction, job.environmentType ?? 'project');
  const busy = state.canceling === job.id;
  return html`<tr data-job=${job.id}>
    <td>${kindCell(job)}</td>
    <td>${job.subject}</td>
    <td>${job.environmentType ?? '—'}</td>
    <td>
      ${stateCell(job)}
      ${job.currentStep ? html`<span class="muted">· ${job.currentStep} · ${job.progress}%</span>` : nothing}
    </td>
    <td title=${job.createdAt}>${timeAgo(job.createdAt)}</td>
    <td>${job.requestedBy}</td>
    <td>
      <vscode-button
        data-cancel=${job.id}
        secondary
        icon="circle-slash"
        ?disabled=${!g.allowed || busy}
        title=${gateTitle(g, `Cancel this ${job.kind}`, access.role)}
        @click=${() => a.cancel(job.id)}
        >Cancel</vscode-button
      >
    </td>
  </tr>`;
}

/** The project's pending jobs in the order they run, live. */
export function queueView(state: QueueState, a: QueueActions): TemplateResult {
  const model = state.model;
  if (!model) return html`<p class="muted" role="status">Loading the queue…</p>`;
  const busy = state.request.pendingId !== undefined;
  return html`<div class="row title-row">
      <h1>${model.projectName} <span class="muted">— Queue</span></h1>
      <span class="spacer"></span>
      <vscode-button data-refresh secondary icon="refresh" ?disabled=${busy} @click=${a.refresh}
        >Refresh</vscode-button
      >
    </div>
    <p class="muted">
      Deploys, updates, backups and restores of one app run one at a time; the rest wait here.
    </p>
    ${errorBanner(state.request)}
    ${
      model.jobs.length === 0
        ? html`<p class="empty muted" role="status">
            <span class="codicon codicon-check-all" aria-hidden="true"></span> No job is queued or running.
          </p>`
        : html`<div class="table-scroll">
            <table class="data queue">
              ${tableHead(['Job', 'App', 'Environment', 'State', 'Queued', 'Requested by', ''])}
              <tbody>
                ${model.jobs.map((job) => jobRow(job, model.access, state, a))}
              </tbody>
            </table>
          </div>`
    }`;
}
