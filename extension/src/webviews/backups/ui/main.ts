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
    })),
});

const actions: BackupsActions = {
  refresh: () => host.post({ type: 'refresh' }),
  run: (action, backupId) => {
    const requestId = newRequestId();
    store.update((s) => ({ ...s, request: started(requestId), pendingBackup: backupId }));
    host.post({ type: action, requestId, backupId });
  },
};

const initial: BackupsState = { model: undefined, request: IDLE, pendingBackup: undefined };
const store = mount(
  { ...initial, ...host.savedState, request: IDLE, pendingBackup: undefined },
  (s) => backupsView(s, actions),
  host,
);
