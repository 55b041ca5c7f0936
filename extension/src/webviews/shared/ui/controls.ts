import { html, type TemplateResult } from 'lit';
import { errorId, field, fieldId, type FieldErrors } from './field';

/** A labelled text field bound to a param path; its agent error shows beside it. */
export function textInput(
  path: string,
  label: string,
  value: string,
  onInput: (value: string) => void,
  errors: FieldErrors,
  options: { placeholder?: string; type?: 'text' | 'email' | 'password'; disabled?: boolean } = {},
): TemplateResult {
  return field(
    path,
    label,
    html`<vscode-textfield
      id=${fieldId(path)}
      aria-label=${label}
      aria-describedby=${errorId(path)}
      ?invalid=${errors[path] !== undefined}
      ?disabled=${options.disabled === true}
      type=${options.type ?? 'text'}
      placeholder=${options.placeholder ?? ''}
      .value=${value}
      @input=${(e: Event) => onInput((e.target as HTMLInputElement).value)}
    ></vscode-textfield>`,
    errors,
  );
}

/** A labelled single select bound to a param path. */
export function selectInput(
  path: string,
  label: string,
  value: string,
  choices: readonly { value: string; label: string; disabled?: boolean }[],
  onChange: (value: string) => void,
  errors: FieldErrors,
  disabled = false,
): TemplateResult {
  return field(
    path,
    label,
    html`<vscode-single-select
      id=${fieldId(path)}
      aria-label=${label}
      aria-describedby=${errorId(path)}
      ?invalid=${errors[path] !== undefined}
      ?disabled=${disabled}
      .value=${value}
      @change=${(e: Event) => onChange((e.target as HTMLSelectElement).value)}
    >
      ${choices.map(
        (c) =>
          html`<vscode-option value=${c.value} ?selected=${c.value === value} ?disabled=${c.disabled === true}
            >${c.label}</vscode-option
          >`,
      )}
    </vscode-single-select>`,
    errors,
  );
}

/** A checkbox bound to a param path. */
export function checkboxInput(
  path: string,
  label: string,
  checked: boolean,
  onChange: (checked: boolean) => void,
  errors: FieldErrors,
): TemplateResult {
  return html`<div class="field checkbox" data-field=${path}>
    <vscode-checkbox
      id=${fieldId(path)}
      label=${label}
      ?checked=${checked}
      @change=${(e: Event) => onChange((e.target as HTMLInputElement).checked)}
    ></vscode-checkbox>
    ${errors[path] ? html`<div class="field-error" role="alert">${errors[path]}</div>` : null}
  </div>`;
}
