import { html, nothing, type TemplateResult } from 'lit';
import { checkboxInput, selectInput, textInput } from '../../shared/ui/controls';
import { gate, gateTitle } from '../../shared/ui/gate';
import { errorBanner } from '../../shared/ui/requests';
import { DOMAIN_PROVIDER_CHOICES, EDITION_CHOICES } from '../../shared/ui/choices';
import type { CreateProjectState, FormValues } from './state';

export interface DetailsStepActions {
  set<K extends keyof FormValues>(key: K, value: FormValues[K]): void;
  refreshBranches(): void;
  back(): void;
  submit(): void;
}

/** Param paths that have a field on this step; other issues go to the banner. */
export const PLACED_PATHS = [
  'name',
  'deploymentType',
  'registry.url',
  'registry.credentials.kind',
  'registry.credentials.username',
  'registry.credentials.token',
  'registry.credentials.privateKey',
  'domainProvider.kind',
  'domainProvider.baseDomain',
  'firstEnvironment.type',
  'configuration.odooVersion',
  'configuration.edition',
  'configuration.baseImage',
  'firstEnvironment.branch',
  'firstEnvironment.automation.autoInstall',
  'firstEnvironment.automation.ocaQueue',
  'firstEnvironment.automation.coverage',
  'configuration.excludedAddons',
];

function registry(state: CreateProjectState, a: DetailsStepActions): TemplateResult {
  const f = state.form;
  const e = state.submit.errors;
  const branchErrors = state.branchRequest.errors;
  return html`<div class="registry-row">
      ${textInput(
        'registry.url',
        'Project registry (Git URL)',
        f.registryUrl,
        (v) => a.set('registryUrl', v),
        { ...branchErrors, ...e },
        {
          placeholder: 'https://github.com/acme/odoo-addons.git',
        },
      )}
      <vscode-button
        class="refresh-branches"
        icon=${state.branchRequest.pendingId ? 'loading' : 'refresh'}
        ?icon-spin=${state.branchRequest.pendingId !== undefined}
        secondary
        ?disabled=${!f.registryUrl || state.branchRequest.pendingId !== undefined}
        title="Refresh: re-read the registry's branches"
        aria-label="Refresh the registry's branches"
        @click=${a.refreshBranches}
        >Refresh</vscode-button
      >
    </div>
    ${state.branchRequest.message ? html`<div class="field-error branch-error" role="alert">${state.branchRequest.message}</div>` : nothing}
    ${selectInput(
      'registry.credentials.kind',
      'Registry access',
      f.credentialsKind,
      [
        { value: 'none', label: 'Public (no credentials)' },
        { value: 'token', label: 'Access token' },
        { value: 'deployKey', label: 'Deploy key' },
      ],
      (v) => a.set('credentialsKind', v as FormValues['credentialsKind']),
      e,
    )}
    ${
      f.credentialsKind === 'token'
        ? html`${textInput('registry.credentials.username', 'Token user name', f.username, (v) => a.set('username', v), e, { placeholder: 'git' })}
          ${textInput('registry.credentials.token', 'Access token', f.token, (v) => a.set('token', v), e, { type: 'password' })}`
        : nothing
    }
    ${
      f.credentialsKind === 'deployKey'
        ? textInput(
            'registry.credentials.privateKey',
            'Deploy key (OpenSSH private key)',
            f.privateKey,
            (v) => a.set('privateKey', v),
            e,
            { type: 'password' },
          )
        : nothing
    }`;
}

function environment(state: CreateProjectState, a: DetailsStepActions): TemplateResult {
  const f = state.form;
  const e = state.submit.errors;
  const versions = state.model?.odooVersions ?? [];
  const branchChoices = state.branchesFor === f.registryUrl ? state.branches : [];
  return html`<h3>First environment</h3>
    ${selectInput(
      'firstEnvironment.type',
      'Environment type',
      f.environmentType,
      [
        { value: 'development', label: 'Development' },
        { value: 'staging', label: 'Staging' },
        { value: 'production', label: 'Production' },
      ],
      (v) => a.set('environmentType', v as FormValues['environmentType']),
      e,
    )}
    <div class="two-columns">
      ${selectInput(
        'configuration.odooVersion',
        'Odoo version',
        f.odooVersion,
        versions.map((v) => ({ value: v, label: v })),
        (v) => a.set('odooVersion', v),
        e,
      )}
      ${selectInput(
        'configuration.edition',
        'Edition',
        f.edition,
        EDITION_CHOICES,
        (v) => a.set('edition', v as FormValues['edition']),
        e,
      )}
    </div>
    ${textInput('configuration.baseImage', 'Base image', f.baseImage, (v) => a.set('baseImage', v), e, { placeholder: `odoo:${f.odooVersion || '18.0'} (default)` })}
    ${
      branchChoices.length > 0
        ? selectInput(
            'firstEnvironment.branch',
            'Branch',
            f.branch,
            [{ value: '', label: 'No app yet' }, ...branchChoices.map((b) => ({ value: b, label: b }))],
            (v) => a.set('branch', v),
            e,
          )
        : textInput(
            'firstEnvironment.branch',
            'Branch (refresh the registry to pick one)',
            f.branch,
            (v) => a.set('branch', v),
            e,
            { placeholder: 'main' },
          )
    }
    <fieldset class="automation">
      <legend>Automation</legend>
      ${checkboxInput('firstEnvironment.automation.autoInstall', 'Install new addons automatically', f.autoInstall, (v) => a.set('autoInstall', v), e)}
      ${checkboxInput('firstEnvironment.automation.ocaQueue', 'Run the OCA queue job runner', f.ocaQueue, (v) => a.set('ocaQueue', v), e)}
      ${checkboxInput('firstEnvironment.automation.coverage', 'Measure test coverage', f.coverage, (v) => a.set('coverage', v), e)}
      ${textInput('configuration.excludedAddons', 'Excluded addons (comma separated)', f.excludedAddons, (v) => a.set('excludedAddons', v), e)}
    </fieldset>`;
}

/** Step 2: project details and the first environment; agent validation errors beside their fields. */
export function detailsStep(state: CreateProjectState, a: DetailsStepActions): TemplateResult {
  const f = state.form;
  const e = state.submit.errors;
  const access = state.model?.access;
  const g = access ? gate(access, 'project.create') : { allowed: false, minimumRole: 'admin' as const };
  const busy = state.submit.pendingId !== undefined;
  return html`<h2>2. Project details</h2>
    ${errorBanner(state.submit, PLACED_PATHS)}
    <form class="details" @submit=${(ev: Event) => ev.preventDefault()}>
      ${textInput('name', 'Project name', f.name, (v) => a.set('name', v), e, { placeholder: 'Acme ERP' })}
      ${selectInput('deploymentType', 'Deployment type', 'odoo', [{ value: 'odoo', label: 'Odoo' }], () => undefined, e)}
      ${registry(state, a)}
      ${selectInput(
        'domainProvider.kind',
        'Domain provider',
        f.domainKind,
        DOMAIN_PROVIDER_CHOICES,
        (v) => a.set('domainKind', v as FormValues['domainKind']),
        e,
      )}
      ${
        f.domainKind !== 'none'
          ? textInput(
              'domainProvider.baseDomain',
              'Base domain',
              f.baseDomain,
              (v) => a.set('baseDomain', v),
              e,
              { placeholder: 'apps.example.com' },
            )
          : nothing
      }
      ${environment(state, a)}
      <div class="row form-actions">
        <vscode-button secondary @click=${a.back}>Back</vscode-button>
        <vscode-button
          data-submit
          ?disabled=${!g.allowed || busy}
          title=${access ? gateTitle(g, 'Create project', access.role) : 'Create project'}
          @click=${a.submit}
          >${busy ? 'Creating…' : 'Create project'}</vscode-button
        >
      </div>
    </form>`;
}
