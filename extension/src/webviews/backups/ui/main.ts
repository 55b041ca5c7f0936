import '@vscode-elements/elements/dist/vscode-button/index.js';
import '../../shared/ui/base.css';
import type { BackupsToExtension, BackupsToWebview } from '../../messages/backups';
import { connect, newRequestId } from '../../shared/ui/host';
import { mount } from '../../shared/ui/mount';
import { IDLE, finished, started } from '../../shared/ui/requests';
import { backupsView, type BackupsActions, type BackupsState } from './view';

const host = connect<BackupsToWebview, BackupsToExtension, BackupsState>({
  init: ({ model }) => store.update((s) => ({ ...s, model })),
  requestDone: (done) =>
    store.update((s) => ({
      ...s,
      request: finished(s.request, done),
      pendingBackup: s.request.pendingId === done.requestId ? undefined : s.pendingBackup,
      pendingImport: s.pendingImport === done.requestId ? undefined : s.pendingImport,
    })),
});

const actions: BackupsActions = {
  refresh: () => host.post({ type: 'refresh' }),
  run: (action, backupId) => {
    const requestId = newRequestId();
    store.update((s) => ({ ...s, request: started(requestId), pendingBackup: backupId }));
    host.post({ type: action, requestId, backupId });
  },
  importBackup: () => {
    const requestId = newRequestId();
    store.update((s) => ({ ...s, request: started(requestId), pendingImport: requestId }));
    host.post({ type: 'importBackup', requestId });
  },
};

const initial: BackupsState = {
  model: undefined,
  request: IDLE,
  pendingBackup: undefined,
  pendingImport: undefined,
};
const store = mount(
  { ...initial, ...host.savedState, request: IDLE, pendingBackup: undefined, pendingImport: undefined },
  (s) => backupsView(s, actions),
  host,
);
