import { html, nothing, type TemplateResult } from 'lit';
import type { EnvironmentView, ServerCardView } from '../../messages/dashboard';
import { formatBytes, formatTime, percentOf, timeAgo } from '../../shared/ui/format';
import { sparkline } from '../../shared/ui/sparkline';

function usageBar(
  label: string,
  used: number,
  total: number,
  percent = percentOf(used, total),
): TemplateResult {
  return html`<div class="usage">
    <div class="usage-label">
      <span>${label}</span
      ><span class="muted">${formatBytes(used)} / ${formatBytes(total)} (${percent}%)</span>
    </div>
    <progress max="100" value=${percent} aria-label="${label} ${percent}% used"></progress>
  </div>`;
}

/**
 * A disk as `df` shows it: the share used is used / (used + available), since the blocks reserved for root
 * are neither; what is still available is what a full disk would be about.
 */
function diskBar(disk: ServerCardView['disks'][number]): TemplateResult {
  const percent = percentOf(disk.usedBytes, disk.usedBytes + disk.availableBytes);
  return html`<div class="disk">
    ${usageBar(`Disk ${disk.mount}`, disk.usedBytes, disk.totalBytes, percent)}
    <div class="muted disk-available">${formatBytes(disk.availableBytes)} available</div>
  </div>`;
}

/** IP, CPU (percent, cores, sparkline), RAM and disks with their capacity, and when it was sampled. */
export function serverCard(env: EnvironmentView | undefined): TemplateResult {
  if (!env)
    return html`<section class="card server-card" aria-label="Server">
      <span class="muted">No environment of this type.</span>
    </section>`;
  const server = env.server;
  if (!server) {
    return html`<section class="card server-card" aria-label="Server">
      <vscode-progress-ring class="small" aria-label="Waiting for metrics"></vscode-progress-ring>
      <span class="muted">Waiting for the first metrics sample of ${env.serverId}…</span>
    </section>`;
  }
  return html`<section
    class="card server-card"
    aria-label="Server ${server.hostname}"
    data-server=${server.serverId}
  >
    <div class="row server-head">
      <span class="codicon codicon-server" aria-hidden="true"></span>
      <strong>${server.hostname}</strong>
      <span class="ip" title="IP addresses">${server.ipAddresses.join(', ') || 'no address'}</span>
      <span class="spacer"></span>
      <span class="muted sampled" title=${formatTime(server.sampledAt)}
        >Collected ${timeAgo(server.sampledAt)}</span
      >
    </div>
    <div class="server-figures">
      <div class="usage cpu">
        <div class="usage-label">
          <span>CPU</span>
          <span class="muted"
            ><span class="cpu-percent">${Math.round(server.cpu.percent)}%</span> of ${server.cpu.cores}
            cores</span
          >
        </div>
        ${sparkline(env.cpuHistory, `CPU over the last ${env.cpuHistory.length} samples`)}
      </div>
      ${usageBar('RAM', server.memory.usedBytes, server.memory.totalBytes)}
      ${server.disks.length === 0 ? nothing : server.disks.map((d) => diskBar(d))}
    </div>
  </section>`;
}
