import { html, type TemplateResult } from 'lit';
import type { ErrorView } from '../../messages/envelope';

/** A screen whose model could not be loaded: why, and a Refresh to try again. */
export function loadFailedView(title: string, error: ErrorView, refresh: () => void): TemplateResult {
  return html`<header class="row">
      <h1>${title}</h1>
      <span class="spacer"></span>
      <vscode-button data-refresh secondary icon="refresh" @click=${refresh}>Refresh</vscode-button>
    </header>
    <div class="banner load-error" role="alert">
      <span class="codicon codicon-error" aria-hidden="true"></span>
      <div>Could not load: ${error.message}</div>
    </div>`;
}
