import '@vscode-elements/elements/dist/vscode-button/index.js';
import '../../shared/ui/base.css';
import '../../shared/ui/listScreen.css';
import type { StoragesToExtension, StoragesToWebview } from '../../messages/storages';
import { connect, newRequestId } from '../../shared/ui/host';
import { mount } from '../../shared/ui/mount';
import { IDLE, finished, started } from '../../shared/ui/requests';
import { storagesView, type StoragesActions, type StoragesState } from './view';

const host = connect<StoragesToWebview, StoragesToExtension, StoragesState>({
  init: ({ model }) => store.update((s) => ({ ...s, model, loadError: undefined })),
  loadFailed: ({ error }) => store.update((s) => ({ ...s, loadError: error })),
  testResult: ({ result }) =>
    store.update((s) => ({ ...s, tests: { ...s.tests, [result.storageId]: result } })),
  requestDone: (done) =>
    store.update((s) => ({
      ...s,
      request: finished(s.request, done),
      pendingStorage: s.request.pendingId === done.requestId ? undefined : s.pendingStorage,
    })),
});

const actions: StoragesActions = {
  refresh: () => host.post({ type: 'refresh' }),
  run: (action, storageId) => {
    const requestId = newRequestId();
    store.update((s) => ({ ...s, request: started(requestId), pendingStorage: storageId }));
    host.post({ type: action, requestId, storageId });
  },
};

const initial: StoragesState = {
  model: undefined,
  loadError: undefined,
  request: IDLE,
  pendingStorage: undefined,
  tests: {},
};
const store = mount(
  { ...initial, ...host.savedState, request: IDLE, pendingStorage: undefined, loadError: undefined },
  (s) => storagesView(s, actions),
  host,
);
