import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
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
import { backupSection } from './backupSection';
import { planSection } from './planSection';

interface SettingsState {
  model: SettingsModel | undefined;
  /** The plan as chosen in the selects; the project's own until changed. */
  planDraft: PlanChoice | undefined;
  planRequest: RequestState;
  backupRequest: RequestState;
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
      backupRequest: finished(s.backupRequest, done),
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

function setPreUpdateBackup(environmentId: string, enabled: boolean): void {
  const requestId = newRequestId();
  store.update((s) => ({ ...s, backupRequest: started(requestId) }));
  host.post({ type: 'setPreUpdateBackup', requestId, environmentId, enabled });
}

function dangerZone(model: SettingsModel, state: SettingsState): TemplateResult {
  const g = gate(model.access, 'project.delete');
  const confirmed = state.confirmation === model.project.code;
  return html`<section class="danger-zone" aria-labelledby="danger-title">
    <h2 id="danger-title"><span class="codicon codicon-warning" aria-hidden="true"></span> Danger Zone</h2>
    <p>
      Deleting the project removes all its environments, apps, databases and filestores. This cannot be
      undone. Each deployed app is backed up first (if a backup fails, nothing is deleted), and the agent
      keeps these final backups, with the backups the project already had, in the organization's catalog until
      an organization Admin deletes them. Admins find them with
      <strong>PaaS: Backups of Deleted Projects…</strong> to download them or restore them into an app of
      another project.
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
  return html`<h1>${model.project.name} <span class="muted">— Settings</span></h1>
    ${planSection(model, state.planDraft ?? model.project.plan, state.planRequest, {
      setDraft: (planDraft) => store.update((s) => ({ ...s, planDraft })),
      change: changePlan,
    })}
    ${backupSection(model, state.backupRequest, setPreUpdateBackup)} ${dangerZone(model, state)}`;
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
    backupRequest: IDLE,
  },
  view,
  host,
  (s) => ({ ...s, confirmation: '' }),
);
