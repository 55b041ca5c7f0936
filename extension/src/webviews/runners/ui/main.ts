import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '../../shared/ui/base.css';
import './runners.css';
import type { EnvironmentType } from '@paas/protocol';
import type { RunnersToExtension, RunnersToWebview } from '../../messages/runners';
import { connect, newRequestId } from '../../shared/ui/host';
import { mount } from '../../shared/ui/mount';
import { IDLE, finished, started } from '../../shared/ui/requests';
import { INITIAL_STATE, withModelDefaults, type RunnersState } from './state';
import { runnersView, type RunnersActions } from './view';

const host = connect<RunnersToWebview, RunnersToExtension, RunnersState>({
  init: ({ model }) =>
    store.update((s) => ({ ...s, model, filter: model.filter, draft: withModelDefaults(s.draft, model) })),
  runs: ({ runs }) =>
    store.update((s) => ({
      ...s,
      model: s.model && { ...s.model, runs },
      // A new run is the one the user wants to follow.
      selectedRun: s.selectedRun ?? runs[0]?.id,
    })),
  playbooks: ({ playbooks }) =>
    store.update((s) => {
      const model = s.model && { ...s.model, playbooks };
      return { ...s, model, draft: model ? withModelDefaults(s.draft, model) : s.draft };
    }),
  requestDone: (done) =>
    store.update((s) => ({
      ...s,
      request: finished(s.request, done),
      historyRequest: finished(s.historyRequest, done),
    })),
});

/** Posts a request of the Run form (`form`) or of the history. */
function send(part: 'request' | 'historyRequest', message: (requestId: string) => RunnersToExtension): void {
  const requestId = newRequestId();
  store.update((s) => ({ ...s, [part]: started(requestId) }));
  host.post(message(requestId));
}

const actions: RunnersActions = {
  setDraft: (patch) => store.update((s) => ({ ...s, draft: { ...s.draft, ...patch } })),
  setVar: (index, patch) =>
    store.update((s) => ({
      ...s,
      draft: {
        ...s.draft,
        extraVars: s.draft.extraVars.map((v, i) => (i === index ? { ...v, ...patch } : v)),
      },
    })),
  addVar: () =>
    store.update((s) => ({
      ...s,
      draft: { ...s.draft, extraVars: [...s.draft.extraVars, { key: '', value: '' }] },
    })),
  removeVar: (index) =>
    store.update((s) => ({
      ...s,
      draft: { ...s.draft, extraVars: s.draft.extraVars.filter((_, i) => i !== index) },
    })),
  loadPlaybooks: () =>
    send('request', (requestId) => ({ type: 'listPlaybooks', requestId, ref: store.state.draft.ref })),
  run: () => {
    const d = store.state.draft;
    store.update((s) => ({ ...s, selectedRun: undefined }));
    send('request', (requestId) => ({
      type: 'run',
      requestId,
      run: {
        playbook: d.playbook,
        environmentType: d.environmentType as EnvironmentType,
        ref: d.ref,
        extraVars: d.extraVars.filter((v) => v.key !== ''),
      },
    }));
  },
  setFilter: (patch) => store.update((s) => ({ ...s, filter: { ...s.filter, ...patch } })),
  applyFilter: () =>
    send('historyRequest', (requestId) => ({ type: 'query', requestId, filter: store.state.filter })),
  select: (runId) => store.update((s) => ({ ...s, selectedRun: runId })),
  showLog: (runId) => host.post({ type: 'showLog', runId }),
  cancel: (runId) => send('historyRequest', (requestId) => ({ type: 'cancel', requestId, runId })),
};

const store = mount(
  { ...INITIAL_STATE, ...host.savedState, request: IDLE, historyRequest: IDLE },
  (s) => runnersView(s, actions),
  host,
);
