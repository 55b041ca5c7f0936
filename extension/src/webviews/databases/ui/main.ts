import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '../../shared/ui/base.css';
import '../../shared/ui/listScreen.css';
import './databases.css';
import type { DatabasesToExtension, DatabasesToWebview } from '../../messages/databases';
import { connect, newRequestId } from '../../shared/ui/host';
import { mount } from '../../shared/ui/mount';
import { IDLE, finished, started } from '../../shared/ui/requests';
import { databasesView, type DatabasesActions, type DatabasesState } from './view';

const host = connect<DatabasesToWebview, DatabasesToExtension, DatabasesState>({
  init: ({ model }) => store.update((s) => ({ ...s, model, loadError: undefined })),
  loadFailed: ({ error }) => store.update((s) => ({ ...s, loadError: error })),
  requestDone: (done) =>
    store.update((s) => {
      const request = finished(s.request, done);
      // A form closes once its request succeeded; a refused one stays open with the reason above it.
      const answered = s.request.pendingId === done.requestId && !done.error;
      return { ...s, request, form: answered ? undefined : s.form };
    }),
});

/** A copy's default name: the app's database name (copies must start with it), `_copy_` and the time. */
const copyName = (appDatabaseName: string): string =>
  `${appDatabaseName}_copy_${Date.now().toString(36)}`.slice(0, 63);

const actions: DatabasesActions = {
  refresh: () => host.post({ type: 'refresh' }),
  openForm: (kind, d) =>
    store.update((s) => ({
      ...s,
      request: IDLE,
      form: {
        kind,
        serverId: d.serverId,
        name: d.name,
        text: kind === 'duplicate' ? copyName(d.appDatabaseName) : '',
      },
    })),
  editForm: (text) => store.update((s) => (s.form ? { ...s, form: { ...s.form, text } } : s)),
  closeForm: () => store.update((s) => ({ ...s, form: undefined, request: IDLE })),
  submit: () => {
    const form = store.state.form;
    if (!form) return;
    const requestId = newRequestId();
    store.update((s) => ({ ...s, request: started(requestId) }));
    if (form.kind === 'drop')
      host.post({
        type: 'drop',
        requestId,
        serverId: form.serverId,
        name: form.name,
        confirmName: form.text,
      });
    else
      host.post({
        type: 'duplicate',
        requestId,
        serverId: form.serverId,
        source: form.name,
        target: form.text,
      });
  },
};

const initial: DatabasesState = { model: undefined, loadError: undefined, request: IDLE, form: undefined };
const store = mount(
  { ...initial, ...host.savedState, request: IDLE, loadError: undefined },
  (s) => databasesView(s, actions),
  host,
);
