import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '../../shared/ui/base.css';
import type { CollaboratorsToExtension, CollaboratorsToWebview } from '../../messages/collaborators';
import { connect, newRequestId } from '../../shared/ui/host';
import { mount } from '../../shared/ui/mount';
import { started } from '../../shared/ui/requests';
import { INITIAL_STATE, withDone, withRowRequest, type CollaboratorsState } from './state';
import { collaboratorsView, type CollaboratorsActions } from './view';

const host = connect<CollaboratorsToWebview, CollaboratorsToExtension, CollaboratorsState>({
  init: ({ model }) => store.update((s) => ({ ...s, model })),
  requestDone: (done) => store.update((s) => withDone(s, done)),
});

const actions: CollaboratorsActions = {
  setUser: (patch) => store.update((s) => ({ ...s, userForm: { ...s.userForm, ...patch } })),
  setTeam: (patch) => store.update((s) => ({ ...s, teamForm: { ...s.teamForm, ...patch } })),
  addUser: () => {
    const requestId = newRequestId();
    const { email, role } = store.state.userForm;
    store.update((s) => ({ ...s, userRequest: started(requestId) }));
    host.post({ type: 'addUser', requestId, email: email.trim(), role });
  },
  addTeam: () => {
    const requestId = newRequestId();
    const { teamId, role } = store.state.teamForm;
    store.update((s) => ({ ...s, teamRequest: started(requestId) }));
    host.post({ type: 'addTeam', requestId, teamId, role });
  },
  changeRole: (collaboratorId, role) => {
    const requestId = newRequestId();
    store.update((s) => withRowRequest(s, requestId, collaboratorId));
    host.post({ type: 'changeRole', requestId, collaboratorId, role });
  },
  remove: (collaboratorId) => {
    const requestId = newRequestId();
    store.update((s) => withRowRequest(s, requestId, collaboratorId));
    host.post({ type: 'remove', requestId, collaboratorId });
  },
};

const store = mount(
  { ...INITIAL_STATE, ...host.savedState, rowRequests: {} },
  (s) => collaboratorsView(s, actions),
  host,
);
