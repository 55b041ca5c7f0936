import { html, type TemplateResult } from 'lit';
import type { JobView } from '../../messages/jobView';

/** The codicon of each job kind, as the Jobs view shows them. */
const KIND_ICONS: { readonly [K in JobView['kind']]: string } = {
  deploy: 'rocket',
  update: 'sync',
  backup: 'archive',
  restore: 'history',
  verify: 'verified',
  import: 'cloud-upload',
  runner: 'play-circle',
  dryRun: 'beaker',
};

const STATE_ICONS: { readonly [S in JobView['state']]: string } = {
  queued: 'clock',
  running: 'loading codicon-modifier-spin',
  succeeded: 'pass',
  failed: 'error',
  canceled: 'circle-slash',
  interrupted: 'debug-disconnect',
};

export function kindCell(job: JobView): TemplateResult {
  return html`<span class="codicon codicon-${KIND_ICONS[job.kind]}" aria-hidden="true"></span> ${job.kind}`;
}

export function stateCell(job: JobView): TemplateResult {
  return html`<span class="job-state ${job.state}"
    ><span class="codicon codicon-${STATE_ICONS[job.state]}" aria-hidden="true"></span> ${job.state}</span
  >`;
}

/** `1234` → `1.2 s`, `75000` → `1 min 15 s`. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return seconds > 0 ? `${minutes} min ${seconds} s` : `${minutes} min`;
}
