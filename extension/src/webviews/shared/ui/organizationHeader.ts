import { html, nothing, type TemplateResult } from 'lit';
import type { ErrorView } from '../../messages/envelope';
import type { OrganizationHeading } from '../../messages/members';
import { ROLE_LABELS } from './roles';
import type { AccessView } from '../../messages/access';
import type { RequestState } from './requests';

/** An organization screen's heading: which organization and server, the caller's role, and Refresh. */
export function organizationHeader(
  screen: string,
  organization: OrganizationHeading,
  access: AccessView,
  refresh: RequestState,
  onRefresh: () => void,
): TemplateResult {
  return html`<header class="org-header">
    <h1>${organization.name} <span class="muted">— ${screen}</span></h1>
    <p class="muted" data-organization=${organization.id}>
      <span class="codicon codicon-organization" aria-hidden="true"></span>
      on ${organization.serverName} · you are ${ROLE_LABELS[access.role]}
    </p>
    <vscode-button
      data-refresh
      secondary
      icon="refresh"
      ?disabled=${refresh.pendingId !== undefined}
      @click=${onRefresh}
      >Refresh</vscode-button
    >
  </header>`;
}

/** A failed load, as the agent said it, with what the user can do about it. */
export function loadErrorBanner(error: ErrorView | undefined): TemplateResult | typeof nothing {
  if (!error) return nothing;
  return html`<div class="banner request-error" role="alert" data-load-error>
    <span class="codicon codicon-error" aria-hidden="true"></span>
    <div>${error.message} <span class="muted">(${error.codeName}) — Refresh to try again.</span></div>
  </div>`;
}

/** The first paint, before the lists arrive (or after they failed to). */
export function loadingOr(what: string, error: ErrorView | undefined, onRefresh: () => void): TemplateResult {
  if (!error) return html`<p class="muted" role="status" data-loading>Loading ${what}…</p>`;
  return html`${loadErrorBanner(error)}
    <vscode-button data-refresh secondary icon="refresh" @click=${onRefresh}>Refresh</vscode-button>`;
}
