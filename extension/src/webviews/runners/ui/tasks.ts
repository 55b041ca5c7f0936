import { html, nothing, type TemplateResult } from 'lit';
import type { RunnerRunView } from '../../messages/runners';
import { tableHead } from '../../shared/ui/choices';

const STATUS_ICONS = {
  ok: 'pass',
  changed: 'diff-modified',
  failed: 'error',
  skipped: 'debug-step-over',
  unreachable: 'debug-disconnect',
} as const;

/** A run's per-task results as Ansible reported them, with the counts per status. */
export function taskResults(run: RunnerRunView): TemplateResult {
  const counts = Object.keys(STATUS_ICONS)
    .map((status) => [status, run.tasks.filter((t) => t.status === status).length] as const)
    .filter(([, n]) => n > 0);
  return html`<section class="tasks" aria-label="Task results" data-tasks-of=${run.id}>
    <h2>
      ${run.playbook}
      <span class="muted">on ${run.environmentType}, ${run.ref}${run.commit ? ` @ ${run.commit}` : ''}</span>
    </h2>
    ${run.error ? html`<div class="banner request-error" role="status">${run.error}</div>` : nothing}
    <p class="counts">
      ${counts.length > 0 ? counts.map(([status, n]) => html`<span class="count ${status}">${status}=${n}</span> `) : 'No task results yet.'}
    </p>
    ${
      run.tasks.length > 0
        ? html`<div class="table-scroll">
            <table class="data task-results">
              ${tableHead(['Host', 'Task', 'Result', 'Message'])}
              <tbody>
                ${run.tasks.map(
                  (t) =>
                    html`<tr data-task=${t.task}>
                      <td class="mono">${t.host}</td>
                      <td>${t.task}</td>
                      <td class="status ${t.status}">
                        <span class="codicon codicon-${STATUS_ICONS[t.status]}" aria-hidden="true"></span>
                        ${t.status}
                      </td>
                      <td>${t.message ?? ''}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
        : nothing
    }
  </section>`;
}
