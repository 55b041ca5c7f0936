import { html, nothing, type TemplateResult } from 'lit';
import type { FieldIssue } from '../../messages/envelope';

/** Issues grouped by dotted param path, as the agent's `InvalidParams` reports them. */
export type FieldErrors = Readonly<Record<string, string>>;

export function fieldErrorsOf(issues: readonly FieldIssue[]): FieldErrors {
  const errors: Record<string, string> = {};
  for (const issue of issues) errors[issue.path] ??= issue.message;
  return errors;
}

/** The id of a field's control, derived from its param path so errors land beside the right field. */
export function fieldId(path: string): string {
  return `field-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

/**
 * A labelled form row with its error beside the control. The control must carry `id=${fieldId(path)}`
 * and `aria-describedby=${errorId(path)}` so screen readers announce the error with the field.
 */
export function field(
  path: string,
  label: string,
  control: TemplateResult,
  errors: FieldErrors,
): TemplateResult {
  const error = errors[path];
  return html`<div class="field ${error ? 'invalid' : ''}" data-field=${path}>
    <label for=${fieldId(path)}>${label}</label>
    ${control}
    ${
      error
        ? html`<div class="field-error" id=${errorId(path)} role="alert">
            <span class="codicon codicon-error" aria-hidden="true"></span>${error}
          </div>`
        : nothing
    }
  </div>`;
}

export function errorId(path: string): string {
  return `${fieldId(path)}-error`;
}
