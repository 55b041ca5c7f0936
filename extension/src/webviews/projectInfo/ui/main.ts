import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-tab-header/index.js';
import '@vscode-elements/elements/dist/vscode-tabs/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '../../shared/ui/base.css';
import type { ProjectInfoToExtension, ProjectInfoToWebview } from '../../messages/projectInfo';
import { connect, newRequestId } from '../../shared/ui/host';
import { mount } from '../../shared/ui/mount';
import { finished, started } from '../../shared/ui/requests';
import { INITIAL_STATE, toParams, withModel, type ProjectInfoState } from './state';
import { projectInfoView, type ProjectInfoActions } from './view';

const host = connect<ProjectInfoToWebview, ProjectInfoToExtension, ProjectInfoState>({
  init: ({ model }) => store.update((s) => withModel(s, model)),
  requestDone: (done) =>
    store.update((s) => {
      const request = finished(s.request, done);
      return { ...s, request, saved: s.request.pendingId === done.requestId && !done.error };
    }),
});

const actions: ProjectInfoActions = {
  selectTab: (tab) => store.update((s) => ({ ...s, tab, saved: false })),
  setGeneral: (key, value) =>
    store.update((s) => ({ ...s, general: { ...s.general, [key]: value }, saved: false })),
  setConfiguration: (key, value) =>
    store.update((s) => ({ ...s, configuration: { ...s.configuration, [key]: value }, saved: false })),
  save: () => {
    const requestId = newRequestId();
    const { tab } = store.state;
    const params = toParams(store.state);
    store.update((s) => ({ ...s, request: started(requestId), saved: false }));
    host.post({ type: 'save', requestId, tab, params });
  },
};

const store = mount({ ...INITIAL_STATE, ...host.savedState }, (s) => projectInfoView(s, actions), host);
