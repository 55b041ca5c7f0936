import { html, type TemplateResult } from 'lit';
import { selectInput, textInput } from '../../shared/ui/controls';
import { formatTime } from '../../shared/ui/format';
import { gate, gateTitle } from '../../shared/ui/gate';
import { errorBanner } from '../../shared/ui/requests';
import { DOMAIN_PROVIDER_CHOICES, EDITION_CHOICES } from '../../shared/ui/choices';
import type { ConfigurationDraft, GeneralDraft, InfoTab, ProjectInfoState } from './state';

export interface ProjectInfoActions {
  selectTab(tab: InfoTab): void;
  setGeneral<K extends keyof GeneralDraft>(key: K, value: GeneralDraft[K]): void;
  setConfiguration<K extends keyof ConfigurationDraft>(key: K, value: ConfigurationDraft[K]): void;
  save(): void;
}

const TABS: readonly InfoTab[] = ['general', 'configuration'];
const PLACED = [
  'name',
  'registry.url',
  'domainProvider.kind',
  'domainProvider.baseDomain',
  'configuration.odooVersion',
  'configuration.edition',
  'configuration.baseImage',
  'configuration.excludedAddons',
];

function readOnly(label: string, value: string): TemplateResult {
  return html`<div class="field read-only"><span class="label">${label}</span><span>${value}</span></div>`;
}

function general(state: ProjectInfoState, a: ProjectInfoActions, locked: boolean): TemplateResult {
  const p = state.model!.project;
  const g = state.general;
  const e = state.request.errors;
  return html`${textInput('name', 'Project name', g.name, (v) => a.setGeneral('name', v), e, { disabled: locked })}
  ${readOnly('Code (resource prefix)', p.code)} ${readOnly('Deployment type', 'Odoo')}
  ${textInput('registry.url', 'Registry', g.registryUrl, (v) => a.setGeneral('registryUrl', v), e, { disabled: locked })}
  ${readOnly('Registry credentials', p.registry.credentials === 'none' ? 'None (public)' : p.registry.credentials)}
  ${selectInput(
    'domainProvider.kind',
    'Domain provider',
    g.domainKind,
    DOMAIN_PROVIDER_CHOICES,
    (v) => a.setGeneral('domainKind', v as GeneralDraft['domainKind']),
    e,
    locked,
  )}
  ${textInput('domainProvider.baseDomain', 'Base domain', g.baseDomain, (v) => a.setGeneral('baseDomain', v), e, { disabled: locked })}
  ${readOnly('Plan', `${p.plan.tier} (${p.plan.billing})`)} ${readOnly('Created', formatTime(p.createdAt))}`;
}

function configuration(state: ProjectInfoState, a: ProjectInfoActions, locked: boolean): TemplateResult {
  const c = state.configuration;
  const e = state.request.errors;
  return html`${textInput('configuration.odooVersion', 'Default Odoo version', c.odooVersion, (v) => a.setConfiguration('odooVersion', v), e, { disabled: locked })}
  ${selectInput(
    'configuration.edition',
    'Edition',
    c.edition,
    EDITION_CHOICES,
    (v) => a.setConfiguration('edition', v as ConfigurationDraft['edition']),
    e,
    locked,
  )}
  ${textInput('configuration.baseImage', 'Base image', c.baseImage, (v) => a.setConfiguration('baseImage', v), e, { disabled: locked, placeholder: `odoo:${c.odooVersion}` })}
  ${textInput('configuration.excludedAddons', 'Excluded addons (comma separated)', c.excludedAddons, (v) => a.setConfiguration('excludedAddons', v), e, { disabled: locked })}`;
}

/** General Info (Core) and Configuration (Advanced) tabs; editing needs the project.settings permission. */
export function projectInfoView(state: ProjectInfoState, a: ProjectInfoActions): TemplateResult {
  const model = state.model;
  if (!model) return html`<p class="muted" role="status">Loading the project…</p>`;
  const g = gate(model.access, 'project.settings');
  const busy = state.request.pendingId !== undefined;
  return html`<h1>${model.project.name}</h1>
    <vscode-tabs
      aria-label="Project info"
      selected-index=${TABS.indexOf(state.tab)}
      @vsc-tabs-select=${(e: CustomEvent<{ selectedIndex: number }>) => a.selectTab(TABS[e.detail.selectedIndex] ?? 'general')}
    >
      <vscode-tab-header slot="header" data-tab="general"
        >General Info <vscode-badge>Core</vscode-badge></vscode-tab-header
      >
      <vscode-tab-header slot="header" data-tab="configuration"
        >Configuration <vscode-badge>Advanced</vscode-badge></vscode-tab-header
      >
    </vscode-tabs>
    ${errorBanner(state.request, PLACED)}
    ${state.saved ? html`<div class="banner info" role="status">Saved.</div>` : null}
    <form class="info-form" @submit=${(e: Event) => e.preventDefault()}>
      ${state.tab === 'general' ? general(state, a, !g.allowed) : configuration(state, a, !g.allowed)}
      <vscode-button
        data-save
        ?disabled=${!g.allowed || busy}
        title=${gateTitle(g, 'Save', model.access.role)}
        @click=${a.save}
        >${busy ? 'Saving…' : 'Save'}</vscode-button
      >
    </form>`;
}
