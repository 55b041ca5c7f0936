import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-radio/index.js';
import '@vscode-elements/elements/dist/vscode-radio-group/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '../../shared/ui/base.css';
import './createProject.css';
import { html, type TemplateResult } from 'lit';
import type { CreateProjectToExtension, CreateProjectToWebview } from '../../messages/createProject';
import { connect, newRequestId } from '../../shared/ui/host';
import { mount } from '../../shared/ui/mount';
import { finished, started } from '../../shared/ui/requests';
import { detailsStep, type DetailsStepActions } from './detailsStep';
import { planStep, type PlanStepActions } from './planStep';
import { INITIAL_STATE, credentials, savedState, toParams, type CreateProjectState } from './state';

const host = connect<CreateProjectToWebview, CreateProjectToExtension, CreateProjectState>({
  init: ({ model }) =>
    store.update((s) => ({
      ...s,
      model,
      form: { ...s.form, odooVersion: s.form.odooVersion || model.odooVersions[0]! },
    })),
  branches: ({ registryUrl, branches }) =>
    store.update((s) => ({ ...s, branches, branchesFor: registryUrl })),
  created: ({ projectName }) => store.update((s) => ({ ...s, created: projectName })),
  requestDone: (done) =>
    store.update((s) => ({
      ...s,
      submit: finished(s.submit, done),
      branchRequest: finished(s.branchRequest, done),
    })),
});

const planActions: PlanStepActions = {
  setBilling: (billing) => store.update((s) => ({ ...s, billing })),
  choose: (tier) => store.update((s) => ({ ...s, tier, step: 2 })),
};

const detailActions: DetailsStepActions = {
  set: (key, value) => store.update((s) => ({ ...s, form: { ...s.form, [key]: value } })),
  back: () => store.update((s) => ({ ...s, step: 1 })),
  refreshBranches: () => {
    const requestId = newRequestId();
    const registryUrl = store.state.form.registryUrl;
    store.update((s) => ({ ...s, branchRequest: started(requestId) }));
    host.post({ type: 'listBranches', requestId, registryUrl, credentials: credentials(store.state.form) });
  },
  submit: () => {
    const requestId = newRequestId();
    const params = toParams(store.state);
    store.update((s) => ({ ...s, submit: started(requestId) }));
    host.post({ type: 'submit', requestId, params });
  },
};

function view(state: CreateProjectState): TemplateResult {
  if (!state.model) return html`<p class="muted" role="status">Loading plans…</p>`;
  if (state.created) {
    return html`<h1>Create project</h1>
      <div class="banner info" role="status">Project ${state.created} was created.</div>`;
  }
  return html`<h1>Create project</h1>
    <ol class="steps" aria-label="Steps">
      <li class=${state.step === 1 ? 'current' : ''}>Plan</li>
      <li class=${state.step === 2 ? 'current' : ''}>Project & first environment</li>
    </ol>
    ${state.step === 1 ? planStep(state.model.plans, state.billing, state.tier, planActions) : detailsStep(state, detailActions)}`;
}

const store = mount({ ...INITIAL_STATE, ...host.savedState }, view, host, savedState);
