import { html, nothing, type TemplateResult } from 'lit';
import type { RequestDoneMessage } from '../../messages/envelope';
import { fieldErrorsOf, type FieldErrors } from './field';

/** One form's request: in flight or not, and the errors of its last answer. */
export interface RequestState {
  pendingId: string | undefined;
  errors: FieldErrors;
  /** The answer's message when it failed (shown in a banner above the form). */
  message: string | undefined;
}

export const IDLE: RequestState = { pendingId: undefined, errors: {}, message: undefined };

export function started(requestId: string): RequestState {
  return { pendingId: requestId, errors: {}, message: undefined };
}

/** Applies a `requestDone` if it answers this request; other answers leave it as it is. */
export function finished(state: RequestState, done: RequestDoneMessage): RequestState {
  if (state.pendingId !== done.requestId) return state;
  if (!done.error) return IDLE;
  return { pendingId: undefined, errors: fieldErrorsOf(done.error.issues), message: done.error.message };
}

/** The failure banner of a request, naming field issues that have no field on screen. */
export function errorBanner(
  state: RequestState,
  placedPaths: readonly string[] = [],
): TemplateResult | typeof nothing {
  if (!state.message) return nothing;
  const unplaced = Object.entries(state.errors).filter(([path]) => !placedPaths.includes(path));
  return html`<div class="banner request-error" role="alert">
    <span class="codicon codicon-error" aria-hidden="true"></span>
    <div>
      ${state.message}
      ${
        unplaced.length > 0
          ? html`<ul>
              ${unplaced.map(([path, message]) => html`<li>${path || 'request'}: ${message}</li>`)}
            </ul>`
          : nothing
      }
    </div>
  </div>`;
}
