import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-progress-ring/index.js';
import '@vscode-elements/elements/dist/vscode-tab-header/index.js';
import '@vscode-elements/elements/dist/vscode-tabs/index.js';
import '../../shared/ui/base.css';
import './dashboard.css';
import type { DashboardToExtension, DashboardToWebview } from '../../messages/dashboard';
import { connect, newRequestId } from '../../shared/ui/host';
import { mount } from '../../shared/ui/mount';
import type { DashboardActions } from './actions';
import {
  INITIAL_STATE,
  withApp,
  withDone,
  withModel,
  withoutApp,
  withPending,
  withSample,
  type DashboardState,
} from './state';
import { dashboardView } from './view';

const host = connect<DashboardToWebview, DashboardToExtension, DashboardState>({
  init: ({ model }) => {
    store.update((s) => withModel(s, model));
    // Tells the extension which tab is showing (restored after a reload), so it watches that server.
    host.post({ type: 'selectEnvironment', environmentType: store.state.environmentType });
  },
  appChanged: ({ app }) => store.update((s) => withApp(s, app)),
  appRemoved: ({ appId }) => store.update((s) => withoutApp(s, appId)),
  serverSample: ({ environmentType, server }) => store.update((s) => withSample(s, environmentType, server)),
  requestDone: ({ requestId, error }) => store.update((s) => withDone(s, requestId, error?.message)),
});

const actions: DashboardActions = {
  selectEnvironment: (environmentType) => {
    store.update((s) => ({ ...s, environmentType, environmentChosen: true, odooVersion: undefined }));
    host.post({ type: 'selectEnvironment', environmentType });
  },
  selectVersion: (odooVersion) => store.update((s) => ({ ...s, odooVersion })),
  setShowDisabled: (show) => {
    store.update((s) => ({ ...s, showDisabled: show }));
    host.post({ type: 'setShowDisabled', show });
  },
  appAction: (appId, action) => {
    const requestId = newRequestId();
    store.update((s) => withPending(s, requestId, appId, action));
    host.post({ type: 'appAction', requestId, appId, action });
  },
  post: (message) => host.post(message),
};

// A restored state keeps tabs and filters; requests in flight before a reload will never be answered.
const store = mount(
  { ...INITIAL_STATE, ...host.savedState, pending: {} },
  (s) => dashboardView(s, actions),
  host,
);
