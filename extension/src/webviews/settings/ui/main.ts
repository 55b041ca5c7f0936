import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '../../shared/ui/base.css';
import type { PlanChoice } from '@paas/protocol';
import { html, type TemplateResult } from 'lit';
import type { SettingsModel, SettingsToExtension, SettingsToWebview } from '../../messages/settings';
import { textInput } from '../../shared/ui/controls';
import { gate, gateTitle } from '../../shared/ui/gate';
import { connect, newRequestId } from '../../shared/ui/host';
import { mount } from '../../shared/ui/mount';
import { IDLE, errorBanner, finished, started, type RequestState } from '../../shared/ui/requests';
import { planSection } from './planSection';

interface SettingsState {
  model: SettingsModel | undefined;
  /** The plan as chosen in the selects; the project's own until changed. */
  planDraft: PlanChoice | undefined;
  planRequest: RequestState;
  confirmation: string;
  request: RequestState;
}

const host = connect<SettingsToWebview, SettingsToExtension, SettingsState>({
  init: ({ model }) => store.update((s) => ({ ...s, model, planDraft: model.project.plan })),
  requestDone: (done) =>
    store.update((s) => ({
      ...s,
      request: finished(s.request, done),
      planRequest: finished(s.planRequest, done),
    })),
});

function deleteProject(): void {
  const requestId = newRequestId();
  const confirmCode = store.state.confirmation;
  store.update((s) => ({ ...s, request: started(requestId) }));
  host.post({ type: 'deleteProject', requestId, confirmCode });
}

function changePlan(): void {
  const plan = store.state.planDraft;
  if (!plan) return;
  const requestId = newRequestId();
  store.update((s) => ({ ...s, planRequest: started(requestId) }));
  host.post({ type: 'changePlan', requestId, plan });
}

function dangerZone(model: SettingsModel, state: SettingsState): TemplateResult {
  const g = gate(model.access, 'project.delete');
  const confirmed = state.confirmation === model.project.code;
  return html`<section class="danger-zone" aria-labelledby="danger-title">
    <h2 id="danger-title"><span class="codicon codicon-warning" aria-hidden="true"></span> Danger Zone</h2>
    <p>
      Deleting the project destroys all its environments, apps, databases, filestores and backups. This cannot
      be undone.
    </p>
    ${errorBanner(state.request, ['confirmCode'])}
    ${textInput(
      'confirmCode',
      `Type the project code “${model.project.code}” to confirm`,
      state.confirmation,
      (confirmation) => store.update((s) => ({ ...s, confirmation })),
      state.request.errors,
      { disabled: !g.allowed },
    )}
    <vscode-button
      data-delete-project
      class="danger"
      ?disabled=${!g.allowed || !confirmed || state.request.pendingId !== undefined}
      title=${gateTitle(g, 'Delete project', model.access.role)}
      @click=${deleteProject}
      >Delete project</vscode-button
    >
  </section>`;
}

/** The plan, then the Danger Zone: deleting the project needs its code typed out and project.delete. */
function view(state: SettingsState): TemplateResult {
  const model = state.model;
  if (!model) return html`<p class="muted" role="status">Loading settings…</p>`;
  return html`<h1>Settings <span class="muted">${model.project.name}</span></h1>
    ${planSection(model, state.planDraft ?? model.project.plan, state.planRequest, {
      setDraft: (planDraft) => store.update((s) => ({ ...s, planDraft })),
      change: changePlan,
    })}
    ${dangerZone(model, state)}`;
}

// The typed confirmation is not restored: a reload should not leave a loaded gun.
const store = mount(
  {
    model: undefined,
    planDraft: undefined,
    ...host.savedState,
    confirmation: '',
    request: IDLE,
    planRequest: IDLE,
  },
  view,
  host,
  (s) => ({ ...s, confirmation: '' }),
);
