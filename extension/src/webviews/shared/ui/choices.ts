import { html, type TemplateResult } from 'lit';

/** Choice lists several forms share. */
export const EDITION_CHOICES = [
  { value: 'community', label: 'Community' },
  { value: 'enterprise', label: 'Enterprise' },
];

export const DOMAIN_PROVIDER_CHOICES = [
  { value: 'none', label: 'None (agent address and port)' },
  { value: 'cloudflare', label: 'Cloudflare' },
  { value: 'manual', label: 'Manual DNS' },
];

/** A table's header row; an empty label is an actions column, named for screen readers only. */
export function tableHead(labels: readonly string[]): TemplateResult {
  return html`<thead>
    <tr>
      ${labels.map((l) => html`<th scope="col">${l || html`<span class="sr-only">Actions</span>`}</th>`)}
    </tr>
  </thead>`;
}
